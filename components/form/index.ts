export { Checkbox, Checkboxes, Radios } from './choices';
export { ErrorSummary } from './error-summary';
export { controlClass, DateInput, ErrorMessage, Hint, Label, MoneyInput, Select, Textarea, TextInput, TimeInput } from './field';
export { describedBy, errorOf, problemsOf, type TFieldErrors } from './field-errors';
export { SubmitButton } from './submit-button';
export { useFocusSummary } from './use-focus-summary';
export { useActionForm } from './use-action-form';
export { newFormToken } from './form-token';
