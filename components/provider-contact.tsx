// A provider's office phone and email, as links a phone or mail program opens: shown wherever staff
// are told to contact a provider. Nothing is drawn for a provider with neither.

/** The number as a tel: URI: digits and a leading +, UK numbers written as dialled from abroad. */
function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('0') ? `+44${digits.slice(1)}` : digits}`;
}

export function ProviderContact({
  phone,
  email,
  name,
  className = '',
}: {
  phone: string | null;
  email: string | null;
  /** The provider's name, for the links' tooltips. Their text is the number and the address themselves, so a search by the provider's name finds only the provider's own link. */
  name?: string;
  className?: string;
}) {
  if (!phone && !email) return null;
  return (
    <span className={`flex flex-wrap gap-x-3 gap-y-1 text-sm ${className}`}>
      {phone ? (
        <a className="whitespace-nowrap underline" href={telHref(phone)} title={name ? `Phone ${name}` : undefined}>
          {phone}
        </a>
      ) : null}
      {email ? (
        <a className="break-all underline" href={`mailto:${email}`} title={name ? `Email ${name}` : undefined}>
          {email}
        </a>
      ) : null}
    </span>
  );
}
