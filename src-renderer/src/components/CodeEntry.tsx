import { forwardRef, useRef, useState, type FormEvent } from 'react';
import { Input } from '@fluentui/react-components';

/**
 * One code box's state, shared by every screen that asks for a code (a reset's code, the code that proves an address
 * being added, an authenticator app's first code): people copy codes with spaces ("123 456"), the server wants digits
 * only; a code of the wrong length is said at once, before anything is sent; after a refusal the box empties and the
 * cursor goes back, ready for the next try.
 */
export function useCodeEntry(
  length: number,
  send: (digits: string) => Promise<void>,
  refused: () => boolean,
) {
  const [code, setCode] = useState('');
  const [wrongLength, setWrongLength] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const digits = code.replace(/\s+/gu, '');
    if (!new RegExp(`^[0-9]{${length}}$`, 'u').test(digits)) {
      setWrongLength(true);
      ref.current?.focus();
      return;
    }
    setWrongLength(false);
    void send(digits).then(() => {
      if (!refused()) return;
      setCode('');
      ref.current?.focus();
    });
  }

  return { code, setCode, wrongLength, ref, submit };
}

/** The code box itself: digits on a phone's keypad, offered the code from a message, never spell-checked. */
export const CodeInput = forwardRef<HTMLInputElement, { id: string; value: string; onChange(value: string): void }>(
  function CodeInput({ id, value, onChange }, ref) {
    return (
      <Input
        id={id}
        name="code"
        ref={ref}
        value={value}
        onChange={(_, data) => onChange(data.value)}
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
      />
    );
  },
);
