// The yardstick for the wizard's first screen: the least a React 19 page can be that offers the same thing (a
// heading, a labelled text field, a button), built with the same Vite and React plugin.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function BarePage() {
  const [value, setValue] = useState('');
  return (
    <main>
      <h1>Who are you?</h1>
      <form onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="username">User ID:</label>
        <input id="username" value={value} onChange={(event) => setValue(event.target.value)} />
        <button type="submit">Next</button>
      </form>
    </main>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain #root');
createRoot(container).render(
  <StrictMode>
    <BarePage />
  </StrictMode>,
);
