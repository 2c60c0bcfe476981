// Synthetic names for generated scenarios. Locality names borrow the shape of Bradford District's
// areas (rural north and west first); provider names are made-up combinations, not real agencies.

export type TLocalityTemplate = { name: string; rural: boolean; hospital: 'BRI' | 'AGH' };

const RURAL = [
  'Wharfedale North',
  'Wharfedale South',
  'Ilkley Moorside',
  'Burley Fringe',
  'Menston Edge',
  'Addingham Dales',
  'Worth Valley Upper',
  'Worth Valley Lower',
  'Oxenhope Heights',
];
const URBAN = [
  'Keighley Central',
  'Keighley East',
  'Silsden Beck',
  'Bingley North',
  'Bingley South',
  'Baildon Hill',
  'Shipley East',
  'Shipley West',
  'Idle Green',
  'Eccleshill Park',
  'Thornton Rise',
  'Allerton Vale',
  'Heaton Lane',
  'Manningham A',
  'Manningham B',
  'Bradford City A',
  'Bradford City B',
  'Bradford City C',
  'Bowling Mills',
  'Little Horton',
  'Great Horton',
  'Wibsey Fold',
  'Tong Village',
  'Wyke Bank',
  'Queensbury Top',
  'Royds Green',
];

/** The 35 localities of one district, laid out row by row on a 7 × 5 grid from north-west. */
export const DISTRICT_LOCALITIES: TLocalityTemplate[] = [...RURAL, ...URBAN].map((name, i) => ({
  name,
  rural: i < RURAL.length,
  // The northern and western rows discharge from Airedale, the rest from Bradford Royal.
  hospital: i < 15 ? 'AGH' : 'BRI',
}));

const FIRST = [
  'Kestrel',
  'Heather',
  'Beckside',
  'Millstone',
  'Larch',
  'Brookfield',
  'Fellside',
  'Wren',
  'Amberley',
  'Copperbeech',
  'Dalesway',
  'Linnet',
  'Moorgate',
  'Rowan',
  'Stonecroft',
  'Thistle',
  'Willowbank',
  'Harebell',
  'Oakapple',
  'Kingfisher',
  'Bracken',
  'Elmtree',
  'Sandpiper',
  'Greystone',
];
const SECOND = ['Home Care', 'Care at Home', 'Home Support', 'Community Care', 'Homecare Services', 'Support Services'];

/** A synthetic provider name, distinct for each n. */
export function providerName(n: number): string {
  const first = FIRST[n % FIRST.length];
  const second = SECOND[Math.floor(n / FIRST.length) % SECOND.length];
  const round = Math.floor(n / (FIRST.length * SECOND.length));
  return round === 0 ? `${first} ${second} Ltd` : `${first} ${second} (${round + 1}) Ltd`;
}
