const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToTwo = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const poundsAndPence = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

export const formatNumber = (n: number) => number.format(n);
export const formatHours = (n: number) => oneDecimal.format(n);
/** "7", "3.5", "10.25": hours in a sentence ("7 h a week"), without a trailing ".0". */
export const formatHoursBrief = (n: number) => upToTwo.format(n);
export const formatPounds = (n: number) => pounds.format(n);
/** "£9,000.00": an amount to the penny, as a cost that has to be approved. */
export const formatPoundsAndPence = (n: number) => poundsAndPence.format(n);
export const formatPercent = (n: number) => percent.format(n);

/** "1 provider", "3 providers", "1,204 packages": a count with its noun, singular for one. */
export const countOf = (n: number, one: string, many = `${one}s`) => `${number.format(n)} ${n === 1 ? one : many}`;

/** An NHS number as it is read out and printed: "943 476 5919". */
export const nhsNumberText = (nhsNumber: string) => nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
