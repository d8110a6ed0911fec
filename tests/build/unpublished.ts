/**
 * Releases a publishing build must leave out, for the tests that add them to
 * the fixture: drafts and one embargoed release, with the addresses a preview
 * build gives them.
 */

/** A release file to add to the fixture's content, and the page a preview gives it. */
export interface AddedRelease {
  readonly file: string;
  readonly url: string;
  readonly text: string;
}

export const DRAFT: AddedRelease = {
  file: 'content/ashwick-vale/road-survey.md',
  // Between two Ashwick Vale releases, alone in August 2023.
  url: '/2023/08/01/road-survey-on-the-tollerby-bypass-tyx5ud/',
  text: `---
area: Ashwick Vale
title: Road survey on the Tollerby bypass | Ashwick Vale Police
url: https://www.ashwick.police.example/news/2023/august/road-survey/
draft: true
publish:
  date: 10:00 01/08/2023
---

Surveyors will close one lane of the Tollerby bypass overnight.
`,
};

export const DRAFT_IN_NEW_AREA: AddedRelease = {
  file: 'content/kestrel-fen/boat-patrols.md',
  url: '/2023/05/05/boat-patrols-on-kestrel-fen-lrdihf/',
  text: `---
area: Kestrel Fen
title: Boat patrols on Kestrel Fen
url: https://www.kestrel.police.example/news/boat-patrols/
draft: true
publish:
  date: 10:00 05/05/2023
---

Officers will patrol the fen by boat this summer.
`,
};

export const EMBARGOED: AddedRelease = {
  file: 'content/corriston-isles/harbour-wall.md',
  url: '/2024/02/15/harbour-wall-repairs-begin-pohm6o/',
  text: `---
area: Corriston Isles
title: Harbour wall repairs begin
url: https://www.corriston.police.example/news/2024/february/harbour-wall/
publish:
  date: 10:00 15/02/2024
---

Repairs to the Skelland harbour wall begin on Thursday.
`,
};

/** After every fixture release, before the embargoed one. */
export const BEFORE_EMBARGO = Date.parse('2024-01-01T12:00:00Z');
