// A Facebook-like compose page with a real Lexical plain-text editor.
import { createEditor } from 'lexical';
import { registerPlainText } from '@lexical/plain-text';

function mount(container, label) {
  const editable = document.createElement('div');
  editable.contentEditable = 'true';
  editable.setAttribute('role', 'textbox');
  editable.setAttribute('aria-label', label);
  editable.setAttribute('spellcheck', 'true');
  editable.className = 'xzsf02u notranslate';
  container.append(editable);
  const editor = createEditor({ namespace: container.dataset.name || 'composer', onError: e => console.error(e) });
  editor.setRootElement(editable);
  registerPlainText(editor);
  return editor;
}

window.lexicalEditors = [mount(document.getElementById('composer'), 'A cosa stai pensando?')];
document.getElementById('add-comment').addEventListener('click', () => {
  const box = document.createElement('div');
  box.className = 'comment';
  document.getElementById('comments').append(box);
  window.lexicalEditors.push(mount(box, 'Scrivi un commento…'));
});
