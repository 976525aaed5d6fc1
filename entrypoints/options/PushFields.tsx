import { Toggle } from '@/components/Toggle';
import { t } from '@/lib/i18n';
import type { FieldSpec } from '@/lib/push/service';
import { fieldFormLabel, fieldHint, problemText, secretClearText } from './push-words';
import { TextField } from './TextField';
import type { usePushDraft } from './usePushDraft';

type Form = ReturnType<typeof usePushDraft>;

/**
 * The chosen service's own fields, from its `fields`. Secret ones are password boxes that start
 * empty, always: a saved secret is never sent back to this page, only its hint ("…3f9a").
 */
export function PushFields({ form, fieldId, hint }: { form: Form; fieldId: (name: string) => string; hint: string }) {
  const specs = form.service?.fields ?? [];
  // The channel's hint is its main secret's: the first required one.
  const main = specs.find((spec) => spec.secret && spec.required) ?? specs.find((spec) => spec.secret);
  const common = (spec: FieldSpec) => ({
    id: fieldId(`field-${spec.name}`),
    name: spec.name,
    label: fieldFormLabel(spec),
    errorId: fieldId(`field-${spec.name}-error`),
    hintId: fieldId(`field-${spec.name}-hint`),
    errors: form.shownProblems(spec.name).map(problemText),
    onBlur: () => form.touch(spec.name),
    inputMode: spec.kind === 'url' ? ('url' as const) : undefined,
  });
  return (
    <>
      {/* Its "IP address (range)" security option needs a fixed IP, which a home connection has not. */}
      {form.serviceId === 'dingtalk' && (
        <p class="note push-service-note" data-testid="push-service-note">
          {t('pushHintDingtalkIp')}
        </p>
      )}
      {specs.map((spec) => {
        if (!spec.secret)
          return (
            <TextField
              key={spec.name}
              {...common(spec)}
              value={form.fields[spec.name] ?? ''}
              onValue={(value) => form.setField(spec.name, value)}
              hint={fieldHint(form.serviceId, spec.name) || undefined}
            />
          );
        const clearing = form.cleared.has(spec.name);
        const savedHint =
          form.secretsSaved && !clearing
            ? spec === main && hint
              ? t('pushSecretSaved', { hint })
              : t('pushSecretKeep')
            : t('pushSecretNew');
        return (
          <div key={spec.name} class="push-secret" data-secret-field={spec.name}>
            <TextField
              {...common(spec)}
              type="password"
              autocomplete="off"
              value={form.secrets[spec.name] ?? ''}
              onValue={(value) => form.setSecret(spec.name, value)}
              hint={[fieldHint(form.serviceId, spec.name), savedHint].filter(Boolean).join(' ')}
            />
            {form.secretsSaved && !spec.required && (
              <Toggle
                name={`clear-${spec.name}`}
                label={secretClearText(spec.name)}
                checked={clearing}
                onChange={(clear) => form.setClear(spec.name, clear)}
              />
            )}
          </div>
        );
      })}
    </>
  );
}
