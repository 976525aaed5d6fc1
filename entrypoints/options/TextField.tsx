import type { ComponentChildren, JSX, Ref } from 'preact';

// The settings page's one-line text boxes. What a user types there is data (addresses, numbers,
// keys), so the browser neither completes nor spell-checks it.

interface InputProps {
  id: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'password';
  name?: string;
  placeholder?: string | undefined;
  inputMode?: 'numeric' | 'url' | undefined;
  autocomplete?: 'off' | 'new-password';
  /** Left out where nothing checks the text (the connection test's order number). */
  invalid?: boolean;
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: (() => void) | undefined;
  onKeyDown?: (event: JSX.TargetedKeyboardEvent<HTMLInputElement>) => void;
}

export function TextInput(props: InputProps) {
  const { id, value, onValue, type = 'text', name, placeholder, inputMode, autocomplete = 'off' } = props;
  const { invalid, describedBy, inputRef, onBlur, onKeyDown } = props;
  return (
    <input
      id={id}
      ref={inputRef}
      name={name}
      type={type}
      class="field__input"
      value={value}
      placeholder={placeholder}
      inputMode={inputMode}
      autocomplete={autocomplete}
      spellcheck={false}
      aria-invalid={invalid === undefined ? undefined : invalid ? 'true' : 'false'}
      aria-describedby={describedBy}
      onInput={(event) => onValue(event.currentTarget.value)}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    />
  );
}

/** What is wrong with a field; the paragraph is there while empty too, so what appears is read out. */
export function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <p id={id} class="field__error" aria-live="polite">
      {text}
    </p>
  );
}

interface FieldProps extends Omit<InputProps, 'invalid' | 'describedBy'> {
  label: string;
  /** The field's problems, in words. */
  errors: readonly string[];
  errorId: string;
  /** Named by the input even when this field has no hint of its own (the KEY and password share one). */
  hintId: string;
  hint?: ComponentChildren;
}

/** A labelled text box with its problems and an optional hint under it. */
export function TextField({ label, errors, errorId, hintId, hint, ...input }: FieldProps) {
  return (
    <div class="field">
      <label class="field__label" for={input.id}>
        {label}
      </label>
      <TextInput {...input} invalid={errors.length > 0} describedBy={`${errorId} ${hintId}`} />
      <FieldError id={errorId} text={errors.join(' ')} />
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
