import { choice, describedBy, fieldError, fieldHint, fieldLabel, formGroup } from './field.ts';

/**
 * Named examples of a field built from the shared pieces, one per way the forms and the
 * workspace use them. They drive the pieces' render test (field.test.ts) and their axe test in
 * the browser (tests/browser/components.spec.ts).
 */
export const FIELD_EXAMPLES: Record<string, { markup: string; inError: boolean }> = {
  'a text input with a hint': {
    markup: formGroup(
      `${fieldLabel('f-name', 'Full name')}\n${fieldHint('f-name', 'As you would like the committee to address you.')}\n<input class="input" type="text" id="f-name" name="name" aria-describedby="${describedBy('f-name', { hint: true })}">`,
    ),
    inError: false,
  },
  'a text input in error': {
    markup: formGroup(
      `${fieldLabel('f-email', 'Email address')}\n${fieldError('f-email', 'Enter an email address in the correct format, like name@example.com.')}\n<input class="input input-error" type="email" id="f-email" name="email" aria-invalid="true" aria-describedby="${describedBy('f-email', { error: true })}">`,
      { error: true },
    ),
    inError: true,
  },
  'radios with hints, in error': {
    markup: formGroup(
      `<fieldset class="fieldset" aria-describedby="${describedBy('f-role', { error: true })}">
<legend class="legend">Which role are you applying for?</legend>
${fieldError('f-role', 'Select the role you are applying for.')}
${choice({ type: 'radio', id: 'f-role', name: 'role', value: 'mentor', label: 'Mentor', hint: 'Five or more years in the profession.', hintId: 'f-role-item-hint' })}
${choice({ type: 'radio', id: 'f-role-2', name: 'role', value: 'mentee', label: 'Mentee' })}
</fieldset>`,
      { error: true },
    ),
    inError: true,
  },
  'a checkbox to agree, with the hidden message a form’s script fills': {
    markup: formGroup(
      `${fieldError('f-agree', undefined, { placeholder: true })}\n${choice({ type: 'checkbox', id: 'f-agree', name: 'agree', value: 'yes', label: 'I agree to the code of conduct', describedBy: 'f-agree-error' })}`,
    ),
    inError: false,
  },
};
