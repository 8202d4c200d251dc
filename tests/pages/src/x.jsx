// An X-like compose page with a real Draft.js editor (X's editor family).
// Posting works as on the site: the button or Ctrl/Cmd+Enter publishes the
// text into the timeline and empties the composer.
import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor, EditorState, getDefaultKeyBinding } from 'draft-js';

function Composer({ testid, placeholder, label, onPost }) {
  const [state, setState] = useState(() => EditorState.createEmpty());
  const publish = () => {
    const text = state.getCurrentContent().getPlainText();
    if (!text.trim()) return;
    onPost(text);
    setState(EditorState.createEmpty());
  };
  const keyBinding = e => (e.key === 'Enter' && (e.ctrlKey || e.metaKey) ? 'post' : getDefaultKeyBinding(e));
  const handleKeyCommand = command => {
    if (command !== 'post') return 'not-handled';
    publish();
    return 'handled';
  };
  return (
    <div className="composer" data-testid={testid}>
      <div className="DraftEditor-wrap">
        <Editor
          editorState={state}
          onChange={setState}
          placeholder={placeholder}
          ariaLabel={label}
          ariaMultiline
          spellCheck
          role="textbox"
          keyBindingFn={keyBinding}
          handleKeyCommand={handleKeyCommand}
        />
      </div>
      <div className="toolbar">
        <input type="file" data-testid="fileInput" accept="image/*,video/*" aria-label="Aggiungi foto o video" />
        <button type="button" data-testid="tweetButtonInline" className="post" onClick={publish}>Posta</button>
      </div>
    </div>
  );
}

function App() {
  const [replies, setReplies] = useState(0);
  const [posts, setPosts] = useState([]);
  const post = text => setPosts(p => [...p, text]);
  return (
    <main>
      <h1 className="sr">Home</h1>
      <Composer testid="tweetTextarea_0" placeholder="Cosa sta succedendo?" label="Testo del post" onPost={post} />
      <button type="button" id="add-reply" onClick={() => setReplies(n => n + 1)}>Rispondi</button>
      {Array.from({ length: replies }, (_, i) => (
        <Composer key={i} testid={`reply_${i}`} placeholder="Posta la tua risposta" label="Testo della risposta" onPost={post} />
      ))}
      <section id="feed" aria-label="Timeline">
        {posts.map((p, i) => <article key={i} className="published">{p}</article>)}
      </section>
    </main>
  );
}

createRoot(document.getElementById('root')).render(<App />);
