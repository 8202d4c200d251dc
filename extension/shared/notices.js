// The notice about invalid fields in the administrator's policy, shared by
// the popup and the options page. It reads the cached bootstrap: no wait
// for the service worker.
'use strict';

const riserboNotices = {
  /** @param {string[]} notices */
  show(notices) {
    const box = document.getElementById('policy-notice');
    box.hidden = notices.length === 0;
    document.getElementById('policy-notice-list').replaceChildren(...notices.map(text => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }));
  },
};
riserbo.notices = riserboNotices;
riserbo.protocol.cached().then(b => riserboNotices.show(b ? b.notices : []));
riserbo.protocol.onBootstrap(b => riserboNotices.show(b.notices));
