// An Instagram-like page. At /: a post whose comment box is a textarea
// (Enter publishes; so does "Pubblica"), and "Crea", which opens the new
// post dialog: "Condividi" in its header, above a real Lexical caption
// editor. At /direct/t/…: a Direct chat with a real Lexical composer (Enter
// sends, "Invia" appears with text).
import { clear, mountChat, mountLexical, record, textOf } from './lexical-mount.js';

const feed = document.getElementById('feed');

if (location.pathname.startsWith('/direct/')) {
  document.getElementById('home').remove();
  const direct = document.getElementById('direct');
  direct.hidden = false;
  const send = direct.querySelector('[role="button"]');
  const { editor, send: sendMessage } = mountChat(
    direct.querySelector('[aria-label="Messaggio"]'),
    direct.querySelector('.messages'),
    'direct',
  );
  editor.registerTextContentListener(text => { send.hidden = !text.trim(); });
  send.addEventListener('click', sendMessage);
} else {
  document.getElementById('direct').remove();
  const textarea = document.querySelector('textarea[aria-label="Aggiungi un commento..."]');
  const post = document.getElementById('post-comment');
  const publishComment = () => {
    if (!textarea.value.trim()) return;
    record(feed, textarea.value);
    textarea.value = '';
  };
  textarea.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      publishComment();
    }
  });
  post.addEventListener('click', publishComment);

  document.getElementById('create').addEventListener('click', () => {
    const dialog = document.getElementById('new-post');
    dialog.hidden = false;
    const editor = mountLexical(dialog.querySelector('[aria-label="Scrivi una didascalia..."]'), { namespace: 'caption' });
    dialog.querySelector('[role="button"]').addEventListener('click', () => {
      const text = textOf(editor).trim();
      if (!text) return;
      record(feed, text);
      clear(editor);
      dialog.hidden = true;
    });
  }, { once: true });
}
