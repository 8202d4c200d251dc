// The notice about invalid fields in the administrator's policy, shared by
// the popup and the options page.
'use strict';

/** Shows the administrator's invalid policy fields, if any. */
async function showPolicyNotices() {
  const { policyNotices = [] } = await chrome.storage.local.get('policyNotices');
  const box = document.getElementById('policy-notice');
  box.hidden = policyNotices.length === 0;
  document.getElementById('policy-notice-list').replaceChildren(...policyNotices.map(text => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
}
showPolicyNotices();
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.policyNotices) showPolicyNotices();
});
