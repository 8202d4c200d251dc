// A LinkedIn-like feed with real Quill editors (LinkedIn's editor family:
// `.ql-editor`). As on the site: the share box publishes with "Pubblica";
// under a post, the social action "Commenta" opens a comment box, whose own
// "Commenta" button publishes the comment. Enter is a new line in both.
import Quill from 'quill';

const feed = document.getElementById('feed');

function mount(container, placeholder, label, multiline) {
  const quill = new Quill(container, { placeholder, formats: [], modules: { toolbar: false } });
  const editable = container.querySelector('.ql-editor');
  editable.setAttribute('role', 'textbox');
  editable.setAttribute('aria-label', label);
  if (multiline) editable.setAttribute('aria-multiline', 'true');
  return quill;
}

function publish(quill) {
  const text = quill.getText().replace(/\n$/, '');
  if (!text.trim()) return;
  const article = document.createElement('article');
  article.className = 'published';
  article.textContent = text;
  feed.append(article);
  quill.setText('');
}

const share = mount(document.getElementById('share-editor'), 'Di cosa vorresti parlare?', 'Editor di testo per la creazione di contenuti', true);
document.querySelector('.share-actions__primary-action').addEventListener('click', () => publish(share));
window.quills = [share];

// The social action opens the comment box once, then only focuses it.
let comment = null;
document.getElementById('social-comment').addEventListener('click', () => {
  if (!comment) {
    const box = document.getElementById('comment-box');
    box.hidden = false;
    comment = mount(document.getElementById('comment-editor'), 'Aggiungi un commento…', 'Editor di testo per creare un commento', false);
    box.querySelector('.comments-comment-box__submit-button--cr').addEventListener('click', () => publish(comment));
    window.quills.push(comment);
  }
  comment.focus();
});
