import { useId } from 'preact/hooks';
import { Toggle } from '@/components/Toggle';
import { t } from '@/lib/i18n';
import { PUSH_SERVICE_IDS, type PushChannel, type PushServiceId } from '@/lib/push/channel';
import { PushFields } from './PushFields';
import { PushKindsField } from './PushKindsField';
import { PushTest } from './PushTest';
import { disclosureText, problemText, SERVICE_NAMES } from './push-words';
import { Status } from './Status';
import { FieldError, TextField } from './TextField';
import { usePushDraft } from './usePushDraft';

// Adding or editing one push channel, and testing it. The secrets typed here go to the background
// once, in the save (or test) request; nothing on this page ever receives one back.

interface Props {
  /** The channel being edited; null adds a new one. */
  channel: PushChannel | null;
  reminderMinutes: readonly number[];
  /** Passenger masking is on: no names leave the browser. */
  maskPassengers: boolean;
  onSaved: (id: string) => void;
  onClose: () => void;
}

export function PushChannelForm({ channel, reminderMinutes, maskPassengers, onSaved, onClose }: Props) {
  const uid = useId();
  const fieldId = (name: string) => `${uid}-${name}`;
  const form = usePushDraft(channel, reminderMinutes, onSaved);
  // Once saved, a new channel is edited here: the heading says so, as the accounts' form does.
  const heading = form.saved ? t('pushFormEditHeading', { label: form.savedLabel }) : t('pushFormAddHeading');
  const serviceErrors = form.shownProblems('service').map(problemText);

  return (
    <form
      class="account-form push-form"
      aria-label={heading}
      data-testid="push-form"
      onSubmit={(event) => {
        event.preventDefault();
        form.onSave();
      }}
    >
      <h3>{heading}</h3>
      <div class="field">
        <label class="field__label" for={fieldId('service')}>
          {t('pushFieldService')}
        </label>
        <select
          id={fieldId('service')}
          name="service"
          class="field__input"
          data-testid="push-service"
          value={form.serviceId}
          aria-invalid={serviceErrors.length > 0 ? 'true' : 'false'}
          aria-describedby={fieldId('service-error')}
          onChange={(event) => form.chooseService(event.currentTarget.value as PushServiceId)}
        >
          {PUSH_SERVICE_IDS.map((id) => (
            <option key={id} value={id}>
              {SERVICE_NAMES[id]}
            </option>
          ))}
        </select>
        <FieldError id={fieldId('service-error')} text={serviceErrors.join(' ')} />
      </div>
      <TextField
        id={fieldId('label')}
        name="label"
        label={t('pushFieldLabel')}
        value={form.label}
        onValue={form.setLabel}
        onBlur={() => form.touch('label')}
        errors={form.shownProblems('label').map(problemText)}
        errorId={fieldId('label-error')}
        hintId={fieldId('label-hint')}
        hint={t('pushLabelHint')}
      />
      <PushFields form={form} fieldId={fieldId} hint={channel?.secretHint ?? ''} />
      <PushKindsField kinds={form.kinds} reminderMinutes={reminderMinutes} onKinds={form.setKinds} />
      <Toggle
        name="includeAmount"
        label={t('pushIncludeAmount')}
        checked={form.includeAmount}
        onChange={form.setIncludeAmount}
      />
      <p class="note push-disclosure" data-testid="push-disclosure">
        {disclosureText(form.serviceId, form.disclosurePatterns(), !maskPassengers, form.includeAmount)}
      </p>

      <div class="buttons">
        <button type="submit" class="button" data-testid="push-save" disabled={form.saving} aria-busy={form.saving}>
          {form.saving ? t('pushSaving') : t('pushSave')}
        </button>
        <button type="button" class="button button--quiet" data-testid="push-cancel" onClick={onClose}>
          {t('pushCancel')}
        </button>
      </div>
      <div data-testid="push-form-status">
        <Status message={form.message} />
      </div>
      {/* A new one after each edit or save: its result was about the form as it was. */}
      <PushTest key={form.revision} plan={form.planTest} />
    </form>
  );
}
