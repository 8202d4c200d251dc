// A YouTube-like watch page built with Polymer 3, YouTube's component
// library. As on the site, the elements render into the light DOM (YouTube
// runs Polymer over Shady DOM), and the comment box is a contenteditable
// `#contenteditable-root` in `ytd-commentbox`, published with its
// "Commenta" button (a reply box: "Rispondi"); Enter is a new line.
import { PolymerElement, html } from '@polymer/polymer/polymer-element.js';

const feed = document.getElementById('feed');

/** Renders into the element itself, not a shadow root, as YouTube's pages do. */
class LightElement extends PolymerElement {
  _attachDom(dom) {
    this.appendChild(dom);
    return this;
  }
}

class CommentBox extends LightElement {
  static get properties() {
    return { label: String, submitLabel: String, empty: { type: Boolean, value: true } };
  }

  static get template() {
    return html`
      <div id="contenteditable-textarea" class="yt-formatted-string">
        <div id="contenteditable-root" contenteditable="plaintext-only" dir="auto" aria-label$="[[label]]"
             on-input="onInput"></div>
      </div>
      <div id="buttons">
        <ytd-button-renderer id="cancel-button"><button type="button" aria-label="Annulla" on-click="cancel">Annulla</button></ytd-button-renderer>
        <ytd-button-renderer id="submit-button"><button type="button" aria-label$="[[submitLabel]]" disabled$="[[empty]]"
          on-click="submit">[[submitLabel]]</button></ytd-button-renderer>
      </div>`;
  }

  get root_() {
    return this.querySelector('#contenteditable-root');
  }

  onInput() {
    this.empty = !this.root_.innerText.trim();
  }

  cancel() {
    this.root_.replaceChildren();
    this.empty = true;
  }

  submit() {
    const text = this.root_.innerText.replace(/\n+$/, '');
    if (!text.trim()) return;
    const item = document.createElement('ytd-comment-view-model');
    item.className = 'published';
    item.textContent = text;
    feed.append(item);
    this.cancel();
  }
}
customElements.define('ytd-commentbox', CommentBox);

// A comment with its "Rispondi" action, which opens a reply box below it.
class CommentThread extends LightElement {
  static get template() {
    return html`
      <p id="content-text">Anna Rossi · Ottimo servizio del Comune!</p>
      <div id="reply-button-end"><button type="button" aria-label="Rispondi" on-click="openReply">Rispondi</button></div>
      <div id="replies"></div>`;
  }

  openReply() {
    const replies = this.querySelector('#replies');
    if (replies.firstChild) return;
    const box = document.createElement('ytd-commentbox');
    box.label = 'Aggiungi una risposta...';
    box.submitLabel = 'Rispondi';
    replies.append(box);
  }
}
customElements.define('ytd-comment-thread-renderer', CommentThread);

const top = document.createElement('ytd-commentbox');
top.label = 'Aggiungi un commento...';
top.submitLabel = 'Commenta';
document.getElementById('comments').prepend(top);
