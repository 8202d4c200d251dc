// A Telegram Web A-like chat (web.telegram.org/a/, the "telegram-tt"
// client): the composer is a plain contenteditable `#editable-message-text`
// with role textbox, handled by the app's own keydown handler (Enter sends,
// Shift+Enter is the browser's new line); the round `.Button.send` sends
// too. Keys typed while nothing editable has focus are moved into the
// composer, as the client does: the app re-dispatches a copy of the event
// there, which a check on the send key must not mistake for the user's.
const input = document.getElementById('editable-message-text');
const list = document.querySelector('.messages-list');

function send() {
  const text = input.innerText.replace(/\n+$/, '');
  if (!text.trim()) return;
  const message = document.createElement('div');
  message.className = 'Message own published';
  message.textContent = text;
  list.append(message);
  input.replaceChildren();
}

input.addEventListener('keydown', event => {
  if (!event.isComposing && event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    send();
  }
});
document.querySelector('.Button.send').addEventListener('click', send);

const IGNORED = ['Escape', 'Enter', 'PageUp', 'PageDown', 'Meta', 'Alt', 'Control', 'Shift', 'ArrowUp', 'ArrowDown', 'Tab'];
document.addEventListener('keydown', event => {
  const target = event.target;
  if (IGNORED.includes(event.key) || target === input || target.isContentEditable
    || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return;
  input.focus();
  input.dispatchEvent(new KeyboardEvent(event.type, event));
}, true);
