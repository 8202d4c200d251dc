// The check before sending. In `confirm` mode (the default) a post with
// findings of severity warning or above is paused, and a dialog asks
// "Modifica" or "Pubblica comunque"; in `block` mode critical findings
// cannot be sent; in `warn` mode nothing is ever paused.
//
// Sending means every way a site offers: its post, reply or send button
// (clicked, or pressed with Enter or Space), Ctrl/Cmd+Enter, Enter where
// Enter sends (comments and chats: the site table says where), and a form's
// submission. The guard listens in the capture phase on the window, so it
// decides before the site's own handlers run, and it reads events through
// `composedPath()`, so editors and buttons inside shadow roots count too.
// It never touches the text: a paused post is sent again, unchanged, only
// if the employee says so, and then exactly once.
'use strict';

riserbo.sendGuard = (() => {
  const { ui, composers } = riserbo;

  let mode = 'confirm';
  let bypass = false;

  async function refreshMode() {
    mode = (await riserboSettings.effective()).settings.mode;
  }
  refreshMode();
  chrome.storage.onChanged.addListener(refreshMode);

  const blocking = f => f.severity === 'warning' || f.severity === 'critical';

  /**
   * `watchFor(node)`: the watch of the editor holding node; `watchOfButton`:
   * the watch a send button (from composers.sendButton) belongs to;
   * `enterSends(editor)`: whether Enter alone sends there.
   */
  function install({ watchFor, watchOfButton, enterSends }) {
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

    // Runs `send` with the guard stood down, so what it triggers passes.
    const unguarded = send => () => {
      bypass = true;
      try {
        send();
      } finally {
        bypass = false;
      }
    };
    const keyInit = event => ({ key: event.key, code: event.code, keyCode: event.keyCode, which: event.which,
      ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, altKey: event.altKey,
      bubbles: true, cancelable: true, composed: true });

    window.addEventListener('keydown', event => {
      if (bypass || event.isComposing) return;
      const target = composers.origin(event);
      const watch = event.key === 'Enter' ? watchFor(target) : null;
      if (watch) {
        const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
        if (!(event.ctrlKey || event.metaKey || (plain && enterSends(watch.editor)))) return;
        guard(event, watch, unguarded(() => watch.editor.dispatchEvent(new KeyboardEvent('keydown', keyInit(event)))));
        return;
      }
      // Enter or Space on a send button that is not a <button> (a div with
      // role="button"): the site acts on the key itself, with no click.
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const found = composers.sendButton(event);
      if (!found || found.button.tagName === 'BUTTON' || found.button.tagName === 'INPUT') return;
      guard(event, watchOfButton(found), unguarded(() => found.button.dispatchEvent(new KeyboardEvent('keydown', keyInit(event)))));
    }, true);

    window.addEventListener('click', event => {
      if (bypass) return;
      const found = composers.sendButton(event);
      if (!found) return;
      guard(event, watchOfButton(found), unguarded(() => found.button.click()));
    }, true);

    // A form holding a compose box, submitted without its button: Enter in
    // one of its fields (Mastodon's content warning), or a script.
    window.addEventListener('submit', event => {
      if (bypass) return;
      const form = composers.origin(event);
      let watch = null;
      for (const editor of form.querySelectorAll('textarea, [contenteditable]')) watch = watch || watchFor(editor);
      if (!watch) return;
      const submitter = event.submitter && event.submitter.isConnected ? event.submitter : null;
      guard(event, watch, unguarded(() => form.requestSubmit(submitter)));
    }, true);
  }

  return { install, get mode() { return mode; } };
})();
