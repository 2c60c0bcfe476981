// Synthetic geography for the seeded councils. Ward names and populations follow the Bradford
// District figures in the council's Home Support review (docs/domain.md); positions are rough
// kilometres from the city centre, used only to work out which localities neighbour which.

export type WardSeed = { name: string; population: number; x: number; y: number; rural: boolean };

export type CouncilGeography = {
  code: string;
  name: string;
  emailDomain: string;
  wards: WardSeed[];
  /** Wards big enough to be served as two localities (35 localities from 30 wards). */
  splitWards: string[];
  hospitals: { code: string; name: string; near: string }[];
  /** Short-term (STEP) areas: groups of wards. */
  stepAreas: { name: string; wards: string[] }[];
};

export const BRADFORD: CouncilGeography = {
  code: 'BDC',
  name: 'Bradford District',
  emailDomain: 'bradford.example',
  wards: [
    { name: 'City', population: 24260, x: 0, y: 0, rural: false },
    { name: 'Manningham', population: 20010, x: -0.5, y: 1.5, rural: false },
    { name: 'Little Horton', population: 21560, x: -0.5, y: -1.5, rural: false },
    { name: 'Bowling and Barkerend', population: 21890, x: 1.5, y: -0.5, rural: false },
    { name: 'Bradford Moor', population: 22690, x: 2, y: 1, rural: false },
    { name: 'Great Horton', population: 19380, x: -2, y: -2, rural: false },
    { name: 'Toller', population: 20540, x: -1.5, y: 2, rural: false },
    { name: 'Heaton', population: 17870, x: -2.5, y: 2.5, rural: false },
    { name: 'Bolton and Undercliffe', population: 16260, x: 1, y: 2.5, rural: false },
    { name: 'Eccleshill', population: 17430, x: 3, y: 3.5, rural: false },
    { name: 'Idle and Thackley', population: 15880, x: 2, y: 5.5, rural: false },
    { name: 'Windhill and Wrose', population: 17220, x: 0.5, y: 4.5, rural: false },
    { name: 'Shipley', population: 15230, x: -1, y: 5, rural: false },
    { name: 'Baildon', population: 15360, x: -1, y: 7, rural: false },
    { name: 'Bingley', population: 18940, x: -5, y: 6, rural: false },
    { name: 'Bingley Rural', population: 18660, x: -7, y: 4, rural: true },
    { name: 'Thornton and Allerton', population: 17950, x: -5, y: 1, rural: false },
    { name: 'Clayton and Fairweather Green', population: 16760, x: -3.5, y: -0.5, rural: false },
    { name: 'Queensbury', population: 16970, x: -5, y: -3, rural: false },
    { name: 'Wibsey', population: 15190, x: -2, y: -3.5, rural: false },
    { name: 'Royds', population: 17010, x: -1, y: -4.5, rural: false },
    { name: 'Wyke', population: 15760, x: 0, y: -6, rural: false },
    { name: 'Tong', population: 19100, x: 3, y: -3, rural: false },
    { name: 'Keighley Central', population: 19440, x: -10, y: 9, rural: false },
    { name: 'Keighley East', population: 17150, x: -8.5, y: 9.5, rural: false },
    { name: 'Keighley West', population: 16880, x: -11, y: 8, rural: false },
    { name: 'Worth Valley', population: 14820, x: -13, y: 6, rural: true },
    { name: 'Craven', population: 15310, x: -8, y: 13, rural: true },
    { name: 'Ilkley', population: 14240, x: -3, y: 14, rural: true },
    { name: 'Wharfedale', population: 11850, x: 1, y: 11, rural: true },
  ],
  splitWards: ['City', 'Bradford Moor', 'Little Horton', 'Keighley Central', 'Wharfedale'],
  hospitals: [
    { code: 'BRI', name: 'Bradford Royal Infirmary', near: 'Toller' },
    { code: 'AGH', name: 'Airedale General Hospital', near: 'Keighley East' },
  ],
  stepAreas: [
    { name: 'Keighley and Worth Valley', wards: ['Keighley Central', 'Keighley East', 'Keighley West', 'Worth Valley', 'Craven'] },
    { name: 'Airedale and Wharfedale', wards: ['Bingley', 'Bingley Rural', 'Baildon', 'Shipley', 'Ilkley', 'Wharfedale'] },
    { name: 'Bradford North', wards: ['Manningham', 'Toller', 'Heaton', 'Bolton and Undercliffe', 'Eccleshill', 'Idle and Thackley', 'Windhill and Wrose'] },
    { name: 'Bradford East', wards: ['City', 'Bowling and Barkerend', 'Bradford Moor', 'Tong'] },
    {
      name: 'Bradford South and West',
      wards: ['Little Horton', 'Great Horton', 'Thornton and Allerton', 'Clayton and Fairweather Green', 'Queensbury', 'Wibsey', 'Royds', 'Wyke'],
    },
  ],
};

/** A small neighbouring council that shares some providers with Bradford. */
export const KIRKHOLME: CouncilGeography = {
  code: 'KHC',
  name: 'Kirkholme',
  emailDomain: 'kirkholme.example',
  wards: [
    { name: 'Kirkholme Town', population: 21000, x: 0, y: -12, rural: false },
    { name: 'Holme Bridge', population: 15500, x: 2, y: -14, rural: false },
    { name: 'Oakenrigg', population: 12800, x: -2, y: -15, rural: false },
    { name: 'Marsden Edge', population: 9600, x: -5, y: -16, rural: true },
    { name: 'Lowfold', population: 14300, x: 3, y: -10, rural: false },
  ],
  splitWards: [],
  hospitals: [{ code: 'KGH', name: 'Kirkholme General Hospital', near: 'Kirkholme Town' }],
  stepAreas: [{ name: 'Kirkholme', wards: ['Kirkholme Town', 'Holme Bridge', 'Oakenrigg', 'Marsden Edge', 'Lowfold'] }],
};
