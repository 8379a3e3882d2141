/**
 * The input box for the running model's task. Enter (or Run) reruns the engine; input the task
 * refuses shows the task's own message beside the box and the last good run stays on screen.
 */
import { useId, useState } from 'react';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { submitInput } from '../../run/actions.ts';
import { inputMessage } from './inputMessage.ts';

export interface InputBoxProps {
  run: RunResult;
  labels: Readonly<Record<string, string>>;
}

export function InputBox({ run, labels }: InputBoxProps) {
  const error = useStore((s) => s.inputError);
  const setInputError = useStore((s) => s.setInputError);
  const { loaded, input } = run.session;
  const [text, setText] = useState(input);
  // A new run (another model, a restored link) shows its own input
  const [shown, setShown] = useState(run.session);
  if (shown !== run.session) {
    setShown(run.session);
    setText(input);
  }
  const helpId = useId();
  const errorId = useId();
  const rule = loaded.task?.inputRule ?? labels.inputHelpIds;

  return (
    <form
      className="io-input"
      onSubmit={(e) => {
        e.preventDefault();
        void submitInput(text);
      }}
    >
      <label className="io-row">
        <span>{labels.inputLabel}</span>
        <input
          type="text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error !== null}
          aria-describedby={`${helpId} ${errorId}`}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setInputError(null);
          }}
        />
        <button type="submit">{labels.run}</button>
      </label>
      <p id={helpId} className={error === null ? 'io-help' : 'io-help rule-broken'}>
        {rule}
      </p>
      <p
        id={errorId}
        className="io-error"
        role="status"
        aria-live="polite"
        data-testid="input-error"
      >
        {error === null ? '' : inputMessage(error, rule, text)}
      </p>
    </form>
  );
}
