// A Reddit-like comment page built with Lit, Reddit's component library
// ("shreddit"). As on the site, the composer lives in web components' open
// shadow roots: `shreddit-composer` holds, in its shadow root, a
// `reddit-rte` whose own shadow root holds a real Lexical rich-text editor;
// its "Commenta" button is slotted in from the light DOM. Before it opens,
// a `faceplate-textarea-input` (a textarea in a shadow root) stands in its
// place. Ctrl/Cmd+Enter also publishes. The composer's picture picker sits
// in its shadow root too.
import { LitElement, html, css } from 'lit';
import { clear, mountLexical, record, textOf } from './lexical-mount.js';

const feed = document.getElementById('feed');

class FaceplateTextareaInput extends LitElement {
  static properties = { placeholder: {} };
  render() {
    return html`<textarea placeholder=${this.placeholder} aria-label=${this.placeholder}
      @focus=${() => this.dispatchEvent(new CustomEvent('expand', { bubbles: true, composed: true }))}></textarea>`;
  }
}
customElements.define('faceplate-textarea-input', FaceplateTextareaInput);

class RedditRte extends LitElement {
  static styles = css`div[contenteditable] { min-height: 60px; outline: none; } p { margin: 0; }`;
  render() {
    return html`<div aria-label="Campo di testo opzionale" aria-placeholder="Unisciti alla conversazione"></div>`;
  }
  firstUpdated() {
    this.editor = mountLexical(this.renderRoot.querySelector('div'), {
      namespace: 'reddit',
      rich: true,
      onEnter: event => {
        if (!event || !(event.ctrlKey || event.metaKey)) return false;
        this.dispatchEvent(new CustomEvent('submit-comment', { bubbles: true, composed: true }));
        return true;
      },
    });
  }
  disconnectedCallback() {
    super.disconnectedCallback();
    this.editor?.setRootElement(null);
  }
}
customElements.define('reddit-rte', RedditRte);

class ShredditComposer extends LitElement {
  static styles = css`:host { display: block; border: 1px solid #ccc; border-radius: 16px; padding: 8px; }
    .footer { display: flex; justify-content: flex-end; gap: 8px; }`;
  render() {
    return html`<reddit-rte @submit-comment=${this.submit}></reddit-rte>
      <div class="footer">
        <input type="file" accept="image/*" aria-label="Aggiungi un'immagine">
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('cancel', { bubbles: true, composed: true }))}>Annulla</button>
        <slot name="submit-button" @click=${this.submit}></slot>
      </div>`;
  }
  submit = () => {
    const rte = this.renderRoot.querySelector('reddit-rte');
    const text = textOf(rte.editor).trim();
    if (!text) return;
    record(feed, text);
    clear(rte.editor);
  };
}
customElements.define('shreddit-composer', ShredditComposer);

// The host swaps the collapsed input for the composer, and back on cancel.
const host = document.querySelector('comment-composer-host');
function collapsed() {
  const input = document.createElement('faceplate-textarea-input');
  input.placeholder = 'Unisciti alla conversazione';
  host.replaceChildren(input);
}
host.addEventListener('expand', () => {
  const composer = document.createElement('shreddit-composer');
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.slot = 'submit-button';
  submit.textContent = 'Commenta';
  composer.append(submit);
  host.replaceChildren(composer);
  requestAnimationFrame(() => composer.renderRoot.querySelector('reddit-rte').renderRoot.querySelector('[contenteditable]').focus());
});
host.addEventListener('cancel', collapsed);
collapsed();
