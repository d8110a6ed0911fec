// The words of the realistic archive: invented forces, places, and the stock
// headlines real forces reuse (see /shared/DATA.md, "Headlines repeat").

/** One invented police force: the area it covers, its name, and how often it publishes. */
export interface Force {
  /** The area as releases usually write it, and the registry's display name: `Westshire`. */
  readonly area: string;
  /** The force's own name, as titles end: `Westshire Police`. */
  readonly name: string;
  /** Its site's host: `www.westshire.police.example`. */
  readonly host: string;
  /** Relative publishing rate: big forces publish several times as much as small ones. */
  readonly weight: number;
  /** How its site spells release addresses: by year and month, or by article number. */
  readonly urlStyle: 'dated' | 'numbered';
}

// Area, then the rest of the force's name. The first eight are big forces.
const NAMES: readonly (readonly [string, string])[] = [
  ['Westshire', 'Police'],
  ['Saltmere', 'Constabulary'],
  ['Wexmoor', 'Police'],
  ['Harrowdale', 'Police'],
  ['Fenbridge', 'Constabulary'],
  ['Calder Vale', 'Police'],
  ['Eastmarch', 'Police'],
  ['Rail Network', 'Police'],
  ['Orrindale', 'Police'],
  ['Brackenshire', 'Constabulary'],
  ['Vellshire', 'Constabulary'],
  ['Ashwick', 'Police'],
  ['Tolworth Fen', 'Police'],
  ['Northfold', 'Constabulary'],
  ['Southwold Vale', 'Police'],
  ['Greyhaven', 'Police'],
  ['Redmarsh', 'Constabulary'],
  ['Thornbury Moor', 'Police'],
  ['Kestrel Downs', 'Police'],
  ['Dyffryn Môr', 'Police'],
  ['Lough Fennagh', 'Police Service'],
  ['Marrowfield', 'Police'],
  ['Gullhaven', 'Constabulary'],
  ['Corvane', 'Police'],
  ['Quillbridge', 'Police'],
  ['Highcombe', 'Police'],
  ['Lowmere', 'Constabulary'],
  ['Oakridge', 'Police'],
  ['Stonemoor', 'Police'],
  ['Wyvern Vale', 'Police'],
  ['Blackwater', 'Police'],
  ['Ravensholt', 'Constabulary'],
  ['Elmsworth', 'Police'],
  ['Hartfield', 'Police'],
  ['Coldharbour', 'Police'],
  ['Amberley Vale', 'Police'],
  ['Brightwater', 'Constabulary'],
  ['Ardcairn', 'Police Service'],
  ['Bro Tŵr Gwyn', 'Police'],
  ['Marlstone', 'Police'],
  ['Whitcombe', 'Constabulary'],
  ['Pennock', 'Police'],
  ['Érne Valley', 'Police Service'],
  ['Ferrowby', 'Police'],
  ['Tiverbrook', 'Constabulary'],
  ['Drisley', 'Police'],
  ['Kingsmere', 'Police'],
  ['Longhope', 'Constabulary'],
];

/** Every force the generator knows, biggest first; an archive takes the first `areas` of them. */
export const FORCES: readonly Force[] = NAMES.map(([area, kind], i) => ({
  area,
  name: `${area} ${kind}`,
  host: `www.${hostPart(area)}.police.example`,
  weight: i < 8 ? 3 : i < 20 ? 1.5 : 0.8,
  urlStyle: i % 3 === 2 ? 'numbered' : 'dated',
}));

function hostPart(area: string): string {
  return area
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

/** Towns and districts named in headlines and bodies, Welsh and Irish ones among them. */
export const PLACES: readonly string[] = list(
  'Marrowfield; Tiverbrook; Gullhaven; Pennock Quay; Corvane; Drisley Green; Ferrowby; ' +
    "Quillbridge; Ashwick; Harrow Cross; St Edric's; Kingsmere; Longhope; Bramley End; " +
    'Upper Wexley; Coldstream Row; Fenmouth; Haverleigh; Oakhurst; Sallowby; ' +
    'Thistlecombe; Wickham Marsh; Ynys Môn; Derry/Londonderry; Pen-y-bont; ' +
    'Llanfihangel-y-Pennant; Cwm-y-Glo; Aberdaron; Dún Ard; Enniskillen; Ballycastle; ' +
    'Newtown-upon-Tiver',
);

/** A headline forces publish again and again, with how often it is chosen. */
export interface StockHeadline {
  readonly text: string;
  readonly weight: number;
}

/** Stock headlines, prefixed variants included; the weights decide how often same-day clashes occur. */
export const STOCK_HEADLINES: readonly StockHeadline[] = [
  ['Appeal for witnesses after collision', 10],
  ['Man charged with burglary', 8],
  ['Missing woman found safe', 8],
  ['Missing man found safe', 7],
  ['Can you help us find this man?', 6],
  ['Appeal after fatal collision', 5],
  ['Witness appeal following assault', 5],
  ['Appeal for information after burglary', 5],
  ['UPDATE: Missing woman found safe', 5],
  ['UPDATE: Missing man found safe', 5],
  ['Can you help us find this woman?', 4],
  ['Have you seen this man?', 4],
  ['Man arrested on suspicion of drink driving', 4],
  ['Road closed following collision', 4],
  ['Concern for missing teenager', 4],
  ['Two men charged with burglary', 3],
  ['Woman charged with shoplifting', 3],
  ['Man jailed for drug offences', 3],
  ['Teenager arrested after robbery', 3],
  ['Cannabis factory discovered', 3],
  ['Stolen car recovered', 3],
  ['Officers seize drugs and cash in warrant', 3],
  ['NAMED: Man who died in collision', 3],
  ["Officers' warning after spate of vehicle thefts", 3],
  ['UPDATE: Man charged with burglary', 2],
  ['CHARGED: Man in court after burglary', 2],
  ['APPEAL: Can you help us find this man?', 2],
  ['APPEAL: Witnesses sought after collision', 2],
  ['JAILED: Drug dealer sentenced', 2],
  ['JAILED: Burglar sentenced', 2],
  ['Police warn of "courier fraud" scam', 2],
  ['Dispersal order issued', 2],
].map(([text, weight]) => ({ text: text as string, weight: weight as number }));

/**
 * Headlines with places and details filled in: they clash only by chance.
 * `{place}`, `{age}`, `{offence}`, `{road}` and `{vehicle}` are filled per release.
 */
export const TEMPLATES: readonly string[] = [
  'Appeal for information after burglary in {place}',
  'Man charged after assault in {place}',
  '{place} burglary: can you help?',
  'Police investigating after {offence} in {place}',
  '{age}-year-old man arrested after {offence} in {place}',
  'Woman, {age}, dies after collision on the {road}',
  'Appeal after {vehicle} stolen from driveway in {place}',
  'Warrant executed at address in {place}',
  'Dispersal order in place in {place} this weekend',
  'Road closures for event in {place}',
  'Update on incident in {place}',
  'Officers’ appeal after {offence} near {place} station',
  'CHARGED: {age}-year-old man charged after {offence} in {place}',
  'NAMED: Man who died in {place} collision',
  'JAILED: {place} man jailed for {offence}',
  'APPEAL: {vehicle} sought after hit-and-run on the {road}',
  'Teenager, {age}, arrested after {offence} in {place}',
  '“Thank you” from officers after search in {place}',
];

/** Offences that fill `{offence}`. */
export const OFFENCES: readonly string[] = list(
  'burglary; robbery; assault; arson; criminal damage; theft from vehicles; ' +
    'shoplifting spree; knife incident; drug supply; fraud; dangerous driving; ' +
    'hare coursing',
);

/** Vehicles that fill `{vehicle}`. */
export const VEHICLES: readonly string[] = list(
  'Van; Motorbike; Silver hatchback; Black 4x4; Quad bike; Tractor',
);

/**
 * Openings of long headlines: past 80 characters once slugged, so two
 * headlines from one force that differ only after them get one slug.
 */
export const LONG_STEMS: readonly string[] = [
  'Appeal for witnesses after a serious collision between a car and a motorcycle on the {road} near {place} on Friday evening',
  'Officers investigating a burglary at a jewellery shop on the high street in {place} in the early hours of Sunday morning are appealing for help',
  'Detectives renew their appeal for information one year on from the death of a man found injured in a park in {place}',
];

/** Endings of long headlines, after a stem. */
export const LONG_TAILS: readonly string[] = [
  ' – motorcyclist taken to hospital with serious injuries',
  ' – road remains closed while collision investigators work at the scene',
  ' – second man arrested and released on bail',
  ' – CCTV images released of two men officers want to speak to',
  ' – family pay tribute and thank the public for their support',
];

/** First names and surnames for officers, witnesses and court results. */
export const FIRST_NAMES: readonly string[] = list(
  'Aled; Bronwen; Ciarán; Dafydd; Eimear; Gareth; Hollie; Imran; Joanne; Kieran; ' +
    'Lowri; Mohammed; Niamh; Owain; Priya; Rhys; Siobhán; Tomasz',
);

/** Surnames for officers, witnesses and court results. */
export const SURNAMES: readonly string[] = list(
  'Pryce; Ó Briain; Hargreaves; Llewellyn; McAteer; Okafor; Penrose; Quigley; ' +
    'Rowlands; Singh; Thackeray; Vaughan-Jones; Whitlock; Zielinski',
);

/** A list written as one `; `-separated string, to keep long word lists short on the page. */
function list(items: string): readonly string[] {
  return items.split('; ');
}
