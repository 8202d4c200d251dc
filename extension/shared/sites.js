// The sites Riserbo watches: one entry per site, saying which editor family
// each compose box uses and how it is sent. Data only; the content script,
// the options page, the popup and the service worker read it, and a test
// checks that manifest.json lists exactly these hosts.
//
// An administrator adds a host with the policy's `sites`, as it switches a
// site off: {"sites": {"mastodon.uno": true}}. Its compose boxes are then
// recognised by family (`ADDED_HOST_EDITORS`). The policy cannot name the
// family: Chrome's schema for managed storage allows one type per value,
// and `sites` values are booleans.
//
// Send buttons are recognised by stable attributes (`buttons`: test ids,
// ARIA labels, hand-written class names, never generated ones) or by their
// accessible name (`SEND_NAMES`, Italian and English). A button recognised
// by name must come after its editor, within the same composer: "Commenta"
// or "Rispondi" above a post opens a comment box, it sends nothing.
'use strict';

const riserboSites = Object.freeze({
  /** Accessible names of send buttons, lower case, without trailing dots. */
  SEND_NAMES: [
    'pubblica', 'pubblica tutto', 'posta', 'posta tutto', 'invia', 'invia messaggio', 'rispondi', 'commenta',
    'condividi', 'post', 'post all', 'send', 'send message', 'reply', 'comment', 'share', 'publish',
  ],

  /**
   * Editor families. `editor`: how its editable element looks; `enter`:
   * what Enter alone does there ('send' or 'newline'; Ctrl/Cmd+Enter sends
   * everywhere). A multi-line box whose family is unknown gets 'newline'
   * when it says so (aria-multiline, a textarea), 'send' otherwise.
   */
  FAMILIES: {
    draftjs: { editor: '.public-DraftEditor-content', enter: 'newline' },
    lexical: { editor: '[data-lexical-editor="true"]', enter: 'newline' },
    'lexical-chat': { editor: '[data-lexical-editor="true"]', enter: 'send' },
    quill: { editor: '.ql-editor', enter: 'newline' },
    contenteditable: { editor: '[contenteditable]', enter: 'newline' },
    'contenteditable-chat': { editor: '[contenteditable]', enter: 'send' },
    textarea: { editor: 'textarea', enter: 'newline' },
  },

  /**
   * The editor rules of a host added by the administrator: the families
   * recognisable from the page itself. A box of none of them (Lexical,
   * plain contenteditable) sends on Enter unless it says it is multi-line.
   */
  ADDED_HOST_EDITORS: [{ family: 'draftjs' }, { family: 'quill' }, { family: 'textarea' }],

  /**
   * `site`: the settings' key (pause, switch off); `hosts`: where the content
   * script runs (manifest.json); `editors`: rules tried in order, each a
   * family, optionally narrowed by `match` (a selector the editor matches)
   * or `path` (a pattern of the page's path), with its own `enter`;
   * `buttons`: send buttons by stable attributes; `shadowRoots`: editors
   * live in open shadow roots, which discovery must walk; `posts`: the
   * feed's items, besides articles (a button found by its name belongs to
   * a compose box inside its own post only); `dialogNames`:
   * names that send from anywhere in the editor's dialog, even above it.
   */
  SITES: [
    ...['x.com', 'twitter.com'].map(host => ({
      site: host, label: 'X', hosts: [host],
      editors: [{ family: 'draftjs', match: '[data-testid^="dmComposerTextInput"]', enter: 'send' }, { family: 'draftjs' }],
      buttons: ['[data-testid="tweetButtonInline"]', '[data-testid="tweetButton"]', '[data-testid="dmComposerSendButton"]'],
    })),
    {
      site: 'facebook.com', label: 'Facebook', hosts: ['*.facebook.com'],
      editors: [
        { family: 'lexical-chat', path: '^/messages/' },
        // Comments and replies: Enter publishes.
        { family: 'lexical-chat', match: '[aria-label^="Scrivi un commento"], [aria-label^="Write a comment"], '
          + '[aria-label^="Rispondi a"], [aria-label^="Reply to"], [aria-label^="Scrivi una risposta"], [aria-label^="Write a reply"]' },
        { family: 'lexical' },
      ],
      buttons: ['[aria-label="Pubblica"]', '[aria-label="Post"]', '[aria-label="Premi Invio per inviare" i]',
        '[aria-label="Press enter to send" i]'],
    },
    {
      site: 'messenger.com', label: 'Messenger', hosts: ['www.messenger.com'],
      editors: [{ family: 'lexical-chat' }],
      buttons: ['[aria-label="Premi Invio per inviare" i]', '[aria-label="Press enter to send" i]'],
    },
    {
      site: 'instagram.com', label: 'Instagram', hosts: ['www.instagram.com'],
      editors: [
        { family: 'lexical-chat', path: '^/direct/' },
        // Comments are a textarea where Enter publishes.
        { family: 'textarea', enter: 'send' },
        // The caption of a new post.
        { family: 'lexical' },
      ],
      buttons: [],
      // "Condividi" sits in the new post dialog's header, above the caption:
      // in a dialog, these names send from wherever they are.
      dialogNames: ['condividi', 'share'],
    },
    ...['threads.net', 'threads.com'].map(site => ({
      site, label: 'Threads', hosts: ['www.' + site],
      editors: [{ family: 'lexical' }],
      buttons: [],
      posts: '[data-pressable-container="true"]',
    })),
    {
      site: 'linkedin.com', label: 'LinkedIn', hosts: ['www.linkedin.com'],
      editors: [{ family: 'quill' }],
      buttons: ['.share-actions__primary-action', '[class*="comments-comment-box__submit-button"]'],
    },
    {
      site: 'whatsapp.com', label: 'WhatsApp Web', hosts: ['web.whatsapp.com'],
      editors: [{ family: 'lexical-chat' }],
      buttons: ['[data-icon="send"]', '[data-icon="wds-ic-send-filled"]'],
    },
    {
      site: 'telegram.org', label: 'Telegram Web', hosts: ['web.telegram.org'],
      editors: [{ family: 'contenteditable-chat' }],
      // The K client's round button; the A client's `.Button.send` (the
      // same button reads "record" or "edit" in other states).
      buttons: ['.btn-send', '.Button.send', '[aria-label="Send Message" i]', '[aria-label="Invia messaggio" i]'],
    },
    {
      site: 'youtube.com', label: 'YouTube', hosts: ['www.youtube.com'],
      editors: [{ family: 'contenteditable', match: '#contenteditable-root' }],
      buttons: ['#submit-button'],
      posts: 'ytd-comment-thread-renderer',
    },
    {
      site: 'reddit.com', label: 'Reddit', hosts: ['www.reddit.com'], shadowRoots: true,
      editors: [{ family: 'lexical' }, { family: 'textarea' }],
      buttons: ['[slot="submit-button"]'],
      posts: 'shreddit-post, shreddit-comment',
    },
  ],
});
riserbo.sites = riserboSites;
