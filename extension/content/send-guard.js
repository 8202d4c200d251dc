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
//
// A send is answered at once: when the text's analysis is not finished
// (a long paste, the first analysis of a page, a picture being checked),
// the dialog opens within a few milliseconds saying so, and fills in when
// the analysis ends; a text then found clean is sent as the employee asked.
'use strict';

const riserboSendGuard = (() => {
  const { ui, composers } = riserbo;
  // How long a send waits for an analysis about to finish before the
  // dialog opens in its "still checking" state: short enough that the
  // dialog shows within 100 ms of the click.
  const GRACE_MS = 40;

  let mode = 'confirm';
  let bypass = false;

  async function refreshMode() {
    mode = (await riserbo.settings.effective()).settings.mode;
  }
  refreshMode();
  chrome.storage.onChanged.addListener(refreshMode);

  /**
   * `watchFor(node)`: the watch of the editor holding node; `watchOfButton`:
   * the watch a send button (from composers.sendButton) belongs to;
   * `enterSends(editor)`: whether Enter alone sends there.
   */
  function install({ watchFor, watchOfButton, enterSends }) {
    /**
     * What holds the post back, from a watch's outlook.
     * @param {{ findings: Array<{ rule: string, severity: Severity }>, counts: Record<Severity, number>,
     *   partial: number | null, catalogue: Catalogue | null, settled: boolean }} outlook
     */
    function verdict(outlook) {
      const catalogue = outlook.catalogue;
      const blocks = (/** @type {Severity} */ s) => (catalogue ? riserbo.protocol.blocks(catalogue, s) : s !== 'hint');
      const problems = outlook.findings.filter(f => blocks(f.severity));
      const count = (['hint', 'warning', 'critical']).filter(s => blocks(/** @type {Severity} */ (s)))
        .reduce((sum, s) => sum + outlook.counts[s], 0);
      return {
        problems,
        count,
        blocked: mode === 'block' && outlook.counts.critical > 0,
        pending: outlook.settled ? null : outlook.partial || 0,
        catalogue,
      };
    }

    /**
     * Pauses `event` when the watch's text has findings, or is not analysed
     * yet, then resends or not. If the text could not be analysed at all,
     * sending is not held back: the badge already tells the employee that
     * the check is unavailable.
     * @param {Event} event
     * @param {any} watch
     * @param {() => void} resend
     */
    function guard(event, watch, resend) {
      if (mode === 'warn' || !watch) return;
      const now = verdict(watch.outlook());
      if (now.pending === null && now.count === 0) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      decide(watch, now, resend);
    }

    /**
     * @param {any} watch
     * @param {ReturnType<typeof verdict>} first
     * @param {() => void} resend
     */
    async function decide(watch, first, resend) {
      let now = first;
      if (now.pending !== null) {
        // An analysis about to end (a keystroke just typed) is waited for;
        // a longer one is not.
        await Promise.race([watch.idle(), new Promise(resolve => setTimeout(resolve, GRACE_MS))]);
        now = verdict(watch.outlook());
        if (now.pending === null && now.count === 0) return resend();
      }
      const dialog = ui.confirmSend(now);
      let settled = now.pending === null;
      if (!settled) {
        // Follow the analysis while the dialog is open: progress, then the
        // verdict. Clean: sent as asked; otherwise the findings are listed.
        (async () => {
          while (!settled) {
            await Promise.race([watch.idle(), new Promise(resolve => setTimeout(resolve, 250))]);
            now = verdict(watch.outlook());
            settled = now.pending === null;
            if (settled && now.count === 0) dialog.close('send');
            else dialog.update(now);
          }
        })();
      }
      const choice = await dialog.choice;
      settled = true;
      if (choice === 'send' && !verdict(watch.outlook()).blocked) resend();
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
riserbo.sendGuard = riserboSendGuard;
