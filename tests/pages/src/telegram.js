// A Telegram Web-like chat (web.telegram.org/k/): the composer is a plain
// contenteditable with no editor library, as in Telegram's own client.
// Enter sends, Shift+Enter is a new line (the browser's own), and the round
// button sends too.
const input = document.querySelector('.input-message-input');
const bubbles = document.querySelector('.bubbles-inner');

function send() {
  const text = input.innerText.replace(/\n+$/, '');
  if (!text.trim()) return;
  const bubble = document.createElement('div');
  bubble.className = 'bubble is-out published';
  bubble.textContent = text;
  bubbles.append(bubble);
  input.replaceChildren();
}
input.addEventListener('keydown', event => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
});
document.querySelector('.btn-send').addEventListener('click', send);
