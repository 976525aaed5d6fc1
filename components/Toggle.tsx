import { useId } from 'preact/hooks';

interface Props {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** A sentence under the label, read out with the checkbox. */
  hint?: string;
  name?: string;
}

/** A labelled checkbox: the whole label is clickable, Space toggles it, a hint is tied to it. */
export function Toggle({ label, checked, onChange, hint, name }: Props) {
  const hintId = useId();
  return (
    <div class="toggle">
      <label class="toggle__label">
        <input
          type="checkbox"
          class="toggle__input"
          name={name}
          checked={checked}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={hintId} class="toggle__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
