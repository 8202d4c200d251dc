// A Threads-like page with real Lexical rich-text composers (Threads'
// editor): "Pubblica" below the editor, or Ctrl/Cmd+Enter, publishes; Enter
// alone is a new line. "Rispondi" on a post opens a reply composer below it.
import { clear, mountLexical, record, textOf } from './lexical-mount.js';

const feed = document.getElementById('feed');

function composer(box) {
  const editor = mountLexical(box.querySelector('[data-composer]'), {
    namespace: 'threads',
    rich: true,
    onEnter: event => {
      if (!event || !(event.ctrlKey || event.metaKey)) return false;
      publish();
      return true;
    },
  });
  function publish() {
    const text = textOf(editor).trim();
    if (!text) return;
    record(feed, text);
    clear(editor);
  }
  box.querySelector('.post').addEventListener('click', publish);
  return editor;
}

composer(document.getElementById('new-thread'));
document.getElementById('reply').addEventListener('click', () => {
  const box = document.getElementById('reply-box');
  box.hidden = false;
  composer(box);
}, { once: true });
