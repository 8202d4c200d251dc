// A Mastodon-like page (the web client of an instance an Ente names in its
// policy), built as Mastodon's is: React, with the compose box a
// react-textarea-autosize textarea in `form.compose-form`. "Pubblica"
// submits the form, so does Ctrl/Cmd+Enter in the text or Enter in the
// content warning field; "Rispondi" on a post of the timeline starts a reply.
import React, { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Textarea from 'react-textarea-autosize';

const POSTS = [
  { id: 1, account: 'comune_di_esempio', text: 'Da lunedì nuovi orari per lo sportello anagrafe.' },
  { id: 2, account: 'biblioteca', text: 'Sabato letture per bambini in sala ragazzi.' },
];

function App() {
  const [text, setText] = useState('');
  const [spoiler, setSpoiler] = useState('');
  const [replyTo, setReplyTo] = useState(null);
  const [published, setPublished] = useState([]);
  const textarea = useRef(null);

  const submit = event => {
    if (event) event.preventDefault();
    // Mastodon reads the textarea itself, in case something else changed it.
    const value = textarea.current.value;
    if (!value.trim()) return;
    setPublished(p => [...p, (spoiler ? `[${spoiler}] ` : '') + value]);
    setText('');
    setSpoiler('');
    setReplyTo(null);
  };
  const onKeyDown = event => {
    if (event.keyCode === 13 && (event.ctrlKey || event.metaKey)) submit();
  };
  const reply = post => {
    setReplyTo(post);
    setText(`@${post.account} `);
    textarea.current.focus();
  };

  return (
    <div className="columns-area">
      <div className="column drawer">
        <form className="compose-form" onSubmit={submit}>
          {replyTo && <div className="reply-indicator">In risposta a @{replyTo.account}</div>}
          <div className="spoiler-input">
            <input className="spoiler-input__input" type="text" placeholder="Avviso sul contenuto (facoltativo)"
              aria-label="Avviso sul contenuto (facoltativo)" value={spoiler} onChange={e => setSpoiler(e.target.value)} />
          </div>
          <Textarea ref={textarea} className="autosuggest-textarea__textarea" placeholder="Cosa ti passa per la testa?"
            aria-label="Cosa ti passa per la testa?" value={text} onChange={e => setText(e.target.value)} onKeyDown={onKeyDown} minRows={3} />
          <div className="compose-form__footer">
            <div className="compose-form__submit">
              <button type="submit" className="button">{replyTo ? 'Rispondi' : 'Pubblica'}</button>
            </div>
          </div>
        </form>
      </div>
      <div className="column" role="region" aria-label="Home">
        {POSTS.map(post => (
          <article key={post.id} className="status">
            <p><strong>@{post.account}</strong> {post.text}</p>
            <button type="button" className="icon-button" aria-label="Rispondi" title="Rispondi" onClick={() => reply(post)}>↩</button>
          </article>
        ))}
        <section id="feed" aria-label="Post pubblicati">
          {published.map((p, i) => <article key={i} className="published">{p}</article>)}
        </section>
      </div>
    </div>
  );
}

createRoot(document.getElementById('mastodon')).render(<App />);
