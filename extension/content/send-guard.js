// The check before sending. In `confirm` mode (the default) a post with
// findings of severity warning or above is paused, and a dialog asks
// "Modifica" or "Pubblica comunque"; in `block` mode critical findings
// cannot be sent; in `warn` mode nothing is ever paused.
//
// Sending means every way a site offers: its post or reply button, Ctrl/Cmd
// +Enter, and Enter where Enter sends (comments and chats, whose editor is
// not multi-line). The guard listens in the capture phase on the window, so
// it decides before the site's own handlers run. It never touches the text:
// a paused post is sent again, unchanged, only if the employee says so.
'use strict';

riserbo.sendGuard = (() => {
  const { ui } = riserbo;
  // Send buttons of the supported sites, by their stable attributes.
  const SEND_BUTTONS = [
    '[data-testid="tweetButtonInline"]', '[data-testid="tweetButton"]', '[data-testid="dmComposerSendButton"]',
    '[aria-label="Pubblica"]', '[aria-label="Post"]', '[aria-label="Invia"]', '[aria-label="Send"]',
    '[aria-label="Commenta"]', '[aria-label="Comment"]', '.share-actions__primary-action',
    '.comments-comment-box__submit-button',
  ].join(',');
  // Button labels that mean "publish" on any supported site.
  const SEND_WORDS = new Set(['pubblica', 'posta', 'post', 'invia', 'send', 'publish', 'condividi', 'share']);

  let mode = 'confirm';
  let bypass = false;

  async function refreshMode() {
    mode = (await riserboSettings.effective()).settings.mode;
  }
  refreshMode();
  chrome.storage.onChanged.addListener(refreshMode);

  const blocking = f => f.severity === 'warning' || f.severity === 'critical';

  function sendButton(target) {
    const el = target instanceof Element ? target.closest('button, [role="button"], input[type="submit"]') : null;
    if (!el) return null;
    if (el.matches(SEND_BUTTONS)) return el;
    const word = (el.textContent || el.value || '').trim().toLowerCase();
    return SEND_WORDS.has(word) ? el : null;
  }

  function install(watchFor, watchNear) {
    /**
     * Pauses `event` when the watch's text has findings, then resends or not.
     * If the text could not be analysed at all, sending is not held back:
     * the badge already tells the employee that the check is unavailable.
     */
    function guard(event, watch, resend) {
      if (mode === 'warn' || !watch) return;
      const settled = watch.settledFindings();
      if (settled && !settled.some(blocking)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      (settled ? Promise.resolve(settled) : watch.idle()).then(async findings => {
        const problems = findings.filter(blocking);
        if (!problems.length) return resend();
        const blocked = mode === 'block' && problems.some(f => f.severity === 'critical');
        // The dialog gives focus and caret back where they were.
        const choice = await ui.confirmSend(problems, blocked);
        if (choice === 'send' && !blocked) resend();
      });
    }

    window.addEventListener('keydown', event => {
      if (bypass || event.key !== 'Enter' || event.isComposing) return;
      const watch = watchFor(event.target);
      if (!watch) return;
      const multiline = watch.editor.getAttribute('aria-multiline') === 'true' || watch.editor.tagName === 'TEXTAREA';
      const sends = event.ctrlKey || event.metaKey || (!event.shiftKey && !event.altKey && !multiline);
      if (!sends) return;
      const init = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, ctrlKey: event.ctrlKey,
        metaKey: event.metaKey, bubbles: true, cancelable: true, composed: true };
      guard(event, watch, () => {
        bypass = true;
        try {
          watch.editor.dispatchEvent(new KeyboardEvent('keydown', init));
        } finally {
          bypass = false;
        }
      });
    }, true);

    window.addEventListener('click', event => {
      if (bypass) return;
      const button = sendButton(event.target);
      if (!button) return;
      guard(event, watchNear(button), () => {
        bypass = true;
        try {
          button.click();
        } finally {
          bypass = false;
        }
      });
    }, true);
  }

  return { install, get mode() { return mode; } };
})();
