export { Checkbox, Checkboxes, Radios, type TChoice } from './choices';
export { ErrorSummary, focusSummary, type TProblem } from './error-summary';
export { controlClass, DateInput, ErrorMessage, Hint, Label, MoneyInput, Select, Textarea, TextInput, TimeInput, fieldParts } from './field';
export { describedBy, errorOf, problemsOf, type TFieldErrors } from './field-errors';
export { SubmitButton } from './submit-button';
