// A Facebook-like compose page with real Lexical plain-text editors. As on
// the site, the "Pubblica" button publishes a post, and Enter (without
// Shift) publishes a comment.
import { $getRoot, COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND, createEditor } from 'lexical';
import { registerPlainText } from '@lexical/plain-text';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';

const feed = document.getElementById('feed');

function mount(container, label, multiline) {
  const editable = document.createElement('div');
  editable.contentEditable = 'true';
  editable.setAttribute('role', 'textbox');
  editable.setAttribute('aria-label', label);
  if (multiline) editable.setAttribute('aria-multiline', 'true');
  editable.setAttribute('spellcheck', 'true');
  editable.className = 'xzsf02u notranslate';
  container.append(editable);
  const editor = createEditor({ namespace: container.dataset.name || 'composer', onError: e => console.error(e) });
  editor.setRootElement(editable);
  registerPlainText(editor);
  registerHistory(editor, createEmptyHistoryState(), 300);
  return editor;
}

function publish(editor) {
  const text = editor.getEditorState().read(() => $getRoot().getTextContent());
  if (!text.trim()) return;
  const article = document.createElement('article');
  article.className = 'published';
  article.textContent = text;
  feed.append(article);
  editor.update(() => $getRoot().clear());
}

const composer = mount(document.getElementById('composer'), 'A cosa stai pensando?', true);
window.lexicalEditors = [composer];
document.querySelector('[aria-label="Pubblica"]').addEventListener('click', () => publish(composer));

document.getElementById('add-comment').addEventListener('click', () => {
  const box = document.createElement('div');
  box.className = 'comment';
  document.getElementById('comments').append(box);
  const editor = mount(box, 'Scrivi un commento…', false);
  editor.registerCommand(KEY_ENTER_COMMAND, event => {
    if (event && event.shiftKey) return false;
    event?.preventDefault();
    publish(editor);
    return true;
  }, COMMAND_PRIORITY_HIGH);
  window.lexicalEditors.push(editor);
});
