// Word lists for synthetic names: nothing here names a real person or organisation.

export const PROVIDER_FIRST = [
  'Amber', 'Beacon', 'Bluebell', 'Bridge', 'Brook', 'Cedar', 'Clover', 'Copper', 'Dale', 'Elm', 'Fern',
  'Foxglove', 'Harbour', 'Hazel', 'Heather', 'Holly', 'Juniper', 'Kestrel', 'Lantern', 'Larch', 'Linden',
  'Maple', 'Meadow', 'Millstone', 'Moorland', 'Oak', 'Orchard', 'Pennine', 'Primrose', 'Rowan', 'Saffron',
  'Sycamore', 'Thistle', 'Willow', 'Wren', 'Yarrow', 'Aspen', 'Bramble', 'Cobble', 'Daisy', 'Ember', 'Garnet',
];

export const PROVIDER_SECOND = [
  'Home Care', 'Homecare', 'Care Services', 'Care at Home', 'Support Services', 'Community Care',
  'Domiciliary Care', 'Home Support', 'Care Partners', 'Living Support',
];

export const GIVEN_NAMES = [
  'Ada', 'Albert', 'Alice', 'Amir', 'Annie', 'Arthur', 'Asha', 'Bernard', 'Betty', 'Bilal', 'Brenda', 'Cyril',
  'Doreen', 'Dorothy', 'Edith', 'Edna', 'Eileen', 'Ernest', 'Farida', 'Frank', 'Gladys', 'Harold', 'Hazel',
  'Ivy', 'Jean', 'Joan', 'Kenneth', 'Khalid', 'Leonard', 'Lilian', 'Mabel', 'Margaret', 'Maureen', 'Mohammed',
  'Nasreen', 'Norman', 'Olive', 'Peggy', 'Percy', 'Rashid', 'Rita', 'Ronald', 'Shirley', 'Sidney', 'Stanley',
  'Sylvia', 'Vera', 'Walter', 'Winifred', 'Yasmin', 'Zahida', 'Derek', 'Pauline', 'Trevor', 'Gwen', 'Iqbal',
];

export const FAMILY_NAMES = [
  'Ackroyd', 'Ainsworth', 'Akhtar', 'Atkinson', 'Barraclough', 'Bairstow', 'Begum', 'Booth', 'Brayshaw',
  'Butterfield', 'Clegg', 'Crabtree', 'Dawson', 'Dewhirst', 'Earnshaw', 'Feather', 'Firth', 'Greenwood',
  'Haigh', 'Hainsworth', 'Holdsworth', 'Hussain', 'Illingworth', 'Iqbal', 'Jowett', 'Kaur', 'Khan', 'Lister',
  'Mahmood', 'Midgley', 'Moorhouse', 'Naylor', 'Oldroyd', 'Pickles', 'Rhodes', 'Riaz', 'Shackleton',
  'Sutcliffe', 'Thornton', 'Townend', 'Wadsworth', 'Whiteley', 'Wilkinson', 'Wormald', 'Ahmed', 'Singh',
];

export const STREETS = [
  'Acacia Grove', 'Beech Terrace', 'Chapel Lane', 'Church Street', 'Cliffe Road', 'Dale View', 'Fold Close',
  'Garden Street', 'Hall Lane', 'Hill Crescent', 'Mill Lane', 'Moor Road', 'Park Avenue', 'Quarry Street',
  'School Street', 'Station Road', 'Victoria Road', 'Well Street', 'West Lane', 'Wood View',
];

export const SKILLS = ['DEMENTIA', 'PEG_FEEDING', 'CATHETER_CARE', 'END_OF_LIFE', 'LEARNING_DISABILITY', 'MENTAL_HEALTH', 'BARIATRIC', 'STOMA_CARE'];
