/**
 * A fictional case for demos and tests: "Operation Silent Reservoir", a
 * campaign against water utilities and a hospital network. Every state,
 * organisation, person, address and indicator is invented: the states use
 * ISO 3166 user-assigned codes (XA Arvenia, XB Boravia, XC Calder, XD
 * Drevnia), addresses come from the documentation ranges (RFC 5737) and
 * domains end in .example (RFC 2606). The matching STIX bundle is
 * sample-bundle.json next to this file.
 *
 * Attachments are returned as bytes, separately from the case: the caller
 * stores them in the vault and then fills `evidence[i].attachments`. Custody
 * events carry no SHA-256 here; the import computes each attachment's hash
 * and records it on the "imported" event it appends, so a hash is only ever
 * written by code that has just read the bytes.
 */
import { concatBytes, utf8 } from "../../encoding/bytes";
import { timestampOf } from "../../identity/identity-details";
import type { UnRegion } from "../../identity/un-regions";
import { DEFAULT_COMPOSITION } from "../composition";
import { CASE_FORMAT_VERSION, CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, mostRestrictive, type Admiralty, type Case, type Claim, type CustodyEvent, type Evidence } from "../model";

export type SampleAttachment = {
  /** Index into the case's `evidence` array. */
  readonly evidenceIndex: number;
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
};

export type SampleCase = { readonly case: Case; readonly attachments: readonly SampleAttachment[] };

export type SamplePerson = {
  readonly displayName: string;
  readonly region: UnRegion;
  readonly nationality: string;
  readonly affiliation: string;
  readonly affiliationStates: readonly string[];
  readonly declaredInterests: string;
};

/**
 * Fictional experts covering the five UN regional groups. Two are conflicted
 * in the sample case: a Boravian national (XB, the accused state), and an
 * expert who advised Calder's (XC, affected) health ministry.
 */
export const SAMPLE_REGISTRY_PEOPLE: readonly SamplePerson[] = [
  {
    displayName: "Dr. Adaeze Okonkwo",
    region: "african-states",
    nationality: "NG",
    affiliation: "Centre for Cyber Conflict Studies, Lagos",
    affiliationStates: [],
    declaredInterests: "Member of the advisory board of a regional CERT cooperation forum (unpaid). No contracts with any party to the case.",
  },
  {
    displayName: "Prof. Haruto Sakamoto",
    region: "asia-pacific-states",
    nationality: "JP",
    affiliation: "Institute for Industrial Control Security, Osaka",
    affiliationStates: [],
    declaredInterests: "Receives research funding from a consortium of water utilities in Asia. Co-author of a 2024 paper on Modbus relay malware.",
  },
  {
    displayName: "Dr. Katarzyna Nowak",
    region: "eastern-european-states",
    nationality: "PL",
    affiliation: "Faculty of Law, Collegium of International Law, Krakow",
    affiliationStates: [],
    declaredInterests: "Expert on state responsibility for cyber operations. Gave a public lecture on Arvenia-Boravia relations in 2023 (no fee).",
  },
  {
    displayName: "Dra. Luísa Fernandes",
    region: "latin-american-and-caribbean-states",
    nationality: "BR",
    affiliation: "Digital Forensics Laboratory, Federal Institute of Technology, Recife",
    affiliationStates: [],
    declaredInterests: "None declared.",
  },
  {
    displayName: "Martin Keller",
    region: "western-european-and-others-states",
    nationality: "CH",
    affiliation: "Independent incident responder, Geneva",
    affiliationStates: [],
    declaredInterests: "Former employee (2014-2019) of a security vendor that later published on SLUICEGATE; holds no shares in it.",
  },
  {
    displayName: "Dr. Ananya Iyer",
    region: "asia-pacific-states",
    nationality: "IN",
    affiliation: "Health Systems Resilience Programme, Bengaluru",
    affiliationStates: ["XC"],
    declaredInterests: "Advised the Kingdom of Calder's Ministry of Health on hospital cyber resilience in 2022-2023 (paid consultancy).",
  },
  {
    displayName: "Dr. Bogdan Veres",
    region: "eastern-european-states",
    nationality: "XB",
    affiliation: "Institute of Applied Cryptography, Boravian Academy of Sciences",
    affiliationStates: ["XB"],
    declaredInterests: "Citizen of the Federation of Boravia; the Academy is state-funded. Leading expert on the Go toolchain artefacts discussed in the case.",
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** An Admiralty code such as "B2". */
type Grade = `${Admiralty["reliability"]}${Admiralty["credibility"]}`;
const grading = (code: Grade): Admiralty => ({ reliability: code[0] as Admiralty["reliability"], credibility: code[1] as Admiralty["credibility"] });

/** The sample case and its attachments. `now` sets created/updated and the deadline (six weeks on); `makeId` supplies ids (each checked as the id it becomes). */
export function buildSampleCase(now: Date, makeId: () => string): SampleCase {
  const at = (iso: string) => timestampOf(new Date(iso));
  const ev = (
    item: Omit<Evidence, "id" | "attachments" | "custody" | "grading"> & { grading: Grade },
    custody: readonly (Omit<CustodyEvent, "time"> & { time: string })[],
  ): Evidence => ({
    id: EvidenceIdSchema.parse(makeId()),
    kind: item.kind,
    title: item.title,
    description: item.description,
    sourceDescription: item.sourceDescription,
    grading: grading(item.grading),
    marking: item.marking,
    attachments: [],
    custody: custody.map((e) => ({ ...e, time: at(e.time) })),
    ...(item.stixId ? { stixId: item.stixId } : {}),
  });

  const ARVCERT = "ArvCERT (National CERT of the Republic of Arvenia)";
  const SECRETARIAT = "Panel secretariat";
  const SECRETARIAT_PLACE = "Secretariat office, Geneva";

  const evidence: Evidence[] = [
    ev(
      {
        kind: "log-extract",
        title: "VPN gateway and SCADA HMI logs, Eastwater pumping station",
        description:
          "Extract of the VPN gateway and HMI audit logs for 2 September 2025, 01:30-04:00 UTC. A maintenance contractor's account logs in from 198.51.100.23, which the contractor did not use, and changes the chlorine dosing set point of line 2 from 0.5 to 4.0 mg/l.\n\nThe full logs (2.3 GB) are held by ArvCERT.",
        sourceDescription: "Eastwater Municipal Water Company, OT security team, through ArvCERT",
        grading: "B2",
        marking: "AMBER",
      },
      [
        { action: "collected", actor: "Eastwater Municipal Water Company, OT security team", time: "2025-09-03T07:20:00Z", place: "Eastwater pumping station, Arvenia", note: "Exported from the gateway and the historian to a write-once USB drive." },
        { action: "transferred", actor: "Eastwater Municipal Water Company", time: "2025-09-03T15:00:00Z", place: "ArvCERT, Arvenia", note: "Handed over in person to ArvCERT's duty officer; drive sealed, seal no. 000413." },
        { action: "verified", actor: ARVCERT, time: "2025-09-04T09:10:00Z", place: "ArvCERT, Arvenia", note: "Seal intact; log timestamps checked against the gateway's NTP source." },
        { action: "received", actor: SECRETARIAT, time: "2025-12-10T11:00:00Z", place: SECRETARIAT_PLACE, note: "Extract received with the Arvenian submission." },
      ],
    ),
    ev(
      {
        kind: "malware-sample",
        title: "REEDPIPE backdoor and loader, with detection rule",
        description:
          "Loader and backdoor recovered from engineering workstation PS-04. The samples themselves are held by ArvCERT and available to panel members on request; the attached YARA rule detects their configuration block.",
        sourceDescription: "ArvCERT malware analysis team",
        grading: "A2",
        marking: "AMBER+STRICT",
      },
      [
        { action: "collected", actor: ARVCERT, time: "2025-09-15T13:45:00Z", place: "Eastwater pumping station, Arvenia", note: "Copied from the disk image of PS-04 (see the forensic image item)." },
        { action: "verified", actor: "Northlight Security (independent vendor)", time: "2025-10-02T10:00:00Z", place: "Remote analysis", note: "Independent re-analysis confirmed the family classification." },
        { action: "received", actor: SECRETARIAT, time: "2025-12-10T11:00:00Z", place: SECRETARIAT_PLACE },
      ],
    ),
    ev(
      {
        kind: "network-capture",
        title: "Flow records of the transfer from the hospital file servers",
        description:
          "NetFlow records from the Calder Regional Hospital Network border router, 21 October 2025: about 1.7 GiB sent from the file servers to 203.0.113.47 over TLS in 2 h 37 min. No packet payloads were kept.",
        sourceDescription: "Calder Health Sector CSIRT",
        grading: "B2",
        marking: "RED",
      },
      [
        { action: "collected", actor: "Calder Regional Hospital Network IT operations", time: "2025-11-04T08:00:00Z", place: "Calder Regional Hospital, Kingdom of Calder" },
        { action: "transferred", actor: "Calder Health Sector CSIRT", time: "2025-11-20T12:00:00Z", place: "Encrypted transfer to the secretariat", note: "Sent under TLP:RED for the panel's named members only." },
        { action: "received", actor: SECRETARIAT, time: "2025-11-20T12:30:00Z", place: SECRETARIAT_PLACE },
      ],
    ),
    ev(
      {
        kind: "forensic-image",
        title: "Disk image of engineering workstation PS-04 (hash and screenshot)",
        description:
          "ArvCERT holds a 512 GB image of PS-04. The panel receives the image's SHA-256 in the custody notes and a screenshot of the HMI as found, with the altered set point highlighted.",
        sourceDescription: "ArvCERT forensic laboratory",
        grading: "A1",
        marking: "RED",
      },
      [
        { action: "collected", actor: ARVCERT, time: "2025-09-05T06:30:00Z", place: "Eastwater pumping station, Arvenia", note: "Imaged with a hardware write blocker." },
        { action: "sealed", actor: ARVCERT, time: "2025-09-05T09:00:00Z", place: "ArvCERT evidence room, Arvenia", note: "Image SHA-256 recorded in ArvCERT's evidence register, entry 2025-117." },
        { action: "received", actor: SECRETARIAT, time: "2025-12-10T11:00:00Z", place: SECRETARIAT_PLACE, note: "Screenshot only; the image stays with ArvCERT." },
      ],
    ),
    ev(
      {
        kind: "technical-report",
        title: "ArvCERT public report AR-2025-114",
        description: "ArvCERT's public summary of Operation Silent Reservoir, with indicators and the basis of its attribution to SLUICEGATE.",
        sourceDescription: "ArvCERT, published 5 December 2025",
        grading: "B2",
        marking: "CLEAR",
      },
      [
        { action: "collected", actor: SECRETARIAT, time: "2025-12-05T12:00:00Z", place: "https://www.arvcert.example/reports/ar-2025-114", note: "Downloaded from ArvCERT's public website." },
        { action: "verified", actor: SECRETARIAT, time: "2025-12-06T09:00:00Z", place: SECRETARIAT_PLACE, note: "Compared with the copy in the Arvenian submission: identical." },
      ],
    ),
    ev(
      {
        kind: "technical-report",
        title: "Indicator list: domains, addresses and file hashes",
        description: "Indicators shared by ArvCERT with CERTs of the region, as a CSV file.",
        sourceDescription: "ArvCERT, via the regional CERT information exchange",
        grading: "B3",
        marking: "GREEN",
      },
      [
        { action: "received", actor: "Kingdom of Calder national CERT", time: "2025-12-05T10:30:00Z", place: "Regional CERT information exchange" },
        { action: "transferred", actor: "Kingdom of Calder national CERT", time: "2025-12-08T14:00:00Z", place: "Encrypted e-mail to the secretariat" },
        { action: "received", actor: SECRETARIAT, time: "2025-12-08T14:05:00Z", place: SECRETARIAT_PLACE },
      ],
    ),
    ev(
      {
        kind: "intelligence-assessment",
        title: "Arvenian Signals Intelligence Service assessment",
        description:
          "Assesses with high confidence that SLUICEGATE is operated by Unit 7413 of Boravia's Military Signals Directorate, citing intercepted tasking and overlaps in infrastructure. Sources and methods are not disclosed.",
        sourceDescription: "Signals Intelligence Service of the Republic of Arvenia (a party to the case)",
        grading: "C3",
        marking: "RED",
      },
      [
        { action: "transferred", actor: "Ministry of Foreign Affairs of the Republic of Arvenia", time: "2025-12-09T16:00:00Z", place: "Permanent Mission of Arvenia, Geneva", note: "Handed over as a sealed paper document; transcribed by the secretariat." },
        { action: "received", actor: SECRETARIAT, time: "2025-12-09T16:20:00Z", place: SECRETARIAT_PLACE },
      ],
    ),
    ev(
      {
        kind: "witness-statement",
        title: "Statement of the Eastwater night shift supervisor",
        description:
          "The supervisor noticed the chlorine dosing alarm at 03:12 local time on 2 September 2025, found the set point changed, restored it by hand and isolated the station from the network. Residual chlorine at the outlet peaked at 2.1 mg/l; no illness was reported.",
        sourceDescription: "Interview conducted by ArvCERT and the Arvenian water regulator",
        grading: "B2",
        marking: "AMBER",
      },
      [
        { action: "collected", actor: "Arvenian Water Regulatory Authority", time: "2025-09-04T10:00:00Z", place: "Eastwater, Arvenia", note: "Signed statement, with an English translation." },
        { action: "received", actor: SECRETARIAT, time: "2025-12-10T11:00:00Z", place: SECRETARIAT_PLACE },
      ],
    ),
    ev(
      {
        kind: "open-source",
        title: "Forum post claiming the hospital outage for Grey Heron",
        description:
          "A post on a public forum, 4 November 2025, signed \"Grey Heron\", claims the hospital outage as a protest against Calder's energy policy. The account was created on 30 October 2025.",
        sourceDescription: "Archived copy of a public forum post",
        grading: "E4",
        marking: "GREEN",
      },
      [
        { action: "collected", actor: SECRETARIAT, time: "2025-11-06T09:30:00Z", place: "Public web archive", note: "Archived copy and page source saved." },
        { action: "verified", actor: SECRETARIAT, time: "2025-11-06T10:00:00Z", place: SECRETARIAT_PLACE, note: "Archive timestamp checked against a second archive service." },
      ],
    ),
    ev(
      {
        kind: "technical-report",
        title: "Vendor analysis of SLUICEGATE and Grey Heron infrastructure",
        description: "Northlight Security links a payment account used to rent 203.0.113.47 to two servers used by Grey Heron, and discusses whether the account was shared, sold or compromised.",
        sourceDescription: "Northlight Security, private report to the secretariat",
        grading: "C2",
        marking: "AMBER",
      },
      [
        { action: "received", actor: SECRETARIAT, time: "2025-12-11T08:00:00Z", place: SECRETARIAT_PLACE, note: "Sent by the vendor at the secretariat's request." },
        { action: "verified", actor: SECRETARIAT, time: "2025-12-12T15:00:00Z", place: SECRETARIAT_PLACE, note: "Vendor's signing key fingerprint confirmed by telephone." },
      ],
    ),
    ev(
      {
        kind: "intelligence-assessment",
        title: "Liaison note from the Kingdom of Calder",
        description: "Calder's security service reports that the hospital intrusion began through the same VPN appliance vulnerability used at Eastwater, and that it has no information on the operators' identity.",
        sourceDescription: "Security Service of the Kingdom of Calder (a party to the case)",
        grading: "B3",
        marking: "AMBER+STRICT",
      },
      [
        { action: "transferred", actor: "Embassy of the Kingdom of Calder", time: "2025-12-15T10:00:00Z", place: "Geneva" },
        { action: "received", actor: SECRETARIAT, time: "2025-12-15T10:15:00Z", place: SECRETARIAT_PLACE },
        { action: "verified", actor: SECRETARIAT, time: "2025-12-15T11:00:00Z", place: SECRETARIAT_PLACE, note: "Diplomatic seal intact." },
      ],
    ),
    ev(
      {
        kind: "open-source",
        title: "Statement of the Boravian Ministry of Foreign Affairs",
        description: "The Federation of Boravia denies any involvement, calls the accusation \"a pretext to derail the border talks\" and offers to cooperate with an independent inquiry.",
        sourceDescription: "Press release on the ministry's public website, 7 December 2025",
        grading: "F6",
        marking: "CLEAR",
      },
      [
        { action: "collected", actor: SECRETARIAT, time: "2025-12-07T18:00:00Z", place: "https://mfa.boravia.example/press/2025-12-07" },
        { action: "received", actor: SECRETARIAT, time: "2025-12-16T09:00:00Z", place: SECRETARIAT_PLACE, note: "Official copy received through Boravia's Permanent Mission." },
      ],
    ),
  ];

  const claim = (c: Omit<Claim, "id">): Claim => ({ id: ClaimIdSchema.parse(makeId()), ...c });
  const claims: Claim[] = [
    claim({
      statement: "Operation Silent Reservoir was conducted by Unit 7413 of the Military Signals Directorate, an organ of the armed forces of the Federation of Boravia.",
      attributedState: "XB",
      catchAll: false,
      source: "Government of the Republic of Arvenia, submission of 9 December 2025; ArvCERT report AR-2025-114",
    }),
    claim({
      statement: "Operation Silent Reservoir was conducted by the group calling itself Grey Heron, acting on the instructions or under the direction or control of the Federation of Boravia.",
      attributedState: "XB",
      catchAll: false,
      source: "Northlight Security analysis; question raised by the Kingdom of Calder",
    }),
    claim({
      statement: "Operation Silent Reservoir was conducted by the group calling itself Grey Heron on its own account, without the direction or control of any state.",
      catchAll: false,
      source: "Grey Heron's own claim; the Federation of Boravia's statement of 7 December 2025",
    }),
    claim({ statement: "", catchAll: true }),
  ];

  const attachments: SampleAttachment[] = [
    { evidenceIndex: 0, name: "eastwater-vpn-hmi-2025-09-02.log.txt", mediaType: "text/plain", bytes: utf8(LOG_EXTRACT) },
    { evidenceIndex: 1, name: "reedpipe-config.yar.txt", mediaType: "text/plain", bytes: utf8(YARA_RULE) },
    { evidenceIndex: 3, name: "ps-04-hmi-screenshot.png", mediaType: "image/png", bytes: hmiScreenshotPng() },
    { evidenceIndex: 5, name: "silent-reservoir-indicators.csv", mediaType: "text/csv", bytes: utf8(INDICATORS_CSV) },
  ];

  const created = timestampOf(now);
  const value: Case = {
    format: "attribution-panel/case",
    version: CASE_FORMAT_VERSION,
    id: CaseIdSchema.parse(makeId()),
    title: "Operation Silent Reservoir",
    summary:
      "Between September and November 2025, intruders altered chlorine dosing at two pumping stations of Arvenian municipal water utilities and ran a wiper on the file servers of the Calder Regional Hospital Network. The Republic of Arvenia attributes the campaign to the armed forces of the Federation of Boravia; Boravia denies it, and a self-described hacktivist group, Grey Heron, has claimed the hospital outage.\n\nThe panel is asked which of the claims below the evidence supports, and with what confidence.",
    incidentWindow: { start: at("2025-09-02T01:40:00Z"), end: at("2025-11-18T22:05:00Z") },
    sectors: ["water", "health"],
    civilianImpact:
      "Eastwater and Northbank pumping stations (about 310,000 residents): dosing set points changed; residual chlorine peaked at 2.1 mg/l before operators restored manual control; no illness reported. Calder Regional Hospital Network (four hospitals): 41 hours without electronic patient records, 23 planned operations postponed, emergency admissions diverted for 9 hours.",
    parties: { accusing: ["XA"], accused: ["XB"], affected: ["XA", "XC"] },
    marking: mostRestrictive(evidence.map((e) => e.marking)),
    deadline: timestampOf(new Date(now.getTime() + 42 * DAY_MS)),
    claims,
    evidence,
    composition: { ...DEFAULT_COMPOSITION },
    created,
    updated: created,
  };
  return { case: value, attachments };
}

const LOG_EXTRACT = `# Eastwater pumping station - VPN gateway and HMI audit log extract
# Times in UTC. Addresses are as logged. Extract prepared by the Eastwater OT security team.
2025-09-02T01:40:11Z vpn-gw01 auth: user=contractor.hydromaint src=198.51.100.23 method=password result=success
2025-09-02T01:40:12Z vpn-gw01 session: id=7f3a user=contractor.hydromaint assigned=10.20.8.44
2025-09-02T01:52:37Z hmi-ps04 login: user=hydromaint station=PS-04 via=192.0.2.15 result=success
2025-09-02T02:03:05Z hmi-ps04 setpoint: line=2 tag=CL2_DOSE_SP old=0.5 new=4.0 unit=mg/l user=hydromaint
2025-09-02T02:03:06Z hmi-ps04 alarm: tag=CL2_DOSE_SP_CHANGE priority=low acknowledged=auto
2025-09-02T02:11:48Z hmi-ps04 setpoint: line=1 tag=CL2_DOSE_SP old=0.5 new=3.5 unit=mg/l user=hydromaint
2025-09-02T03:12:20Z hmi-ps04 alarm: tag=CL2_RESIDUAL_HIGH value=1.9 priority=high acknowledged=operator.night
2025-09-02T03:19:02Z hmi-ps04 setpoint: line=2 tag=CL2_DOSE_SP old=4.0 new=0.5 unit=mg/l user=operator.night
2025-09-02T03:19:40Z hmi-ps04 setpoint: line=1 tag=CL2_DOSE_SP old=3.5 new=0.5 unit=mg/l user=operator.night
2025-09-02T03:55:48Z vpn-gw01 session: id=7f3a closed reason=admin-disconnect bytes_in=18734 bytes_out=4410921
`;

const YARA_RULE = `rule REEDPIPE_config
{
    meta:
        description = "REEDPIPE backdoor: embedded configuration block"
        author = "ArvCERT malware analysis team (fictional sample data)"
        date = "2025-10-01"
        tlp = "AMBER+STRICT"
    strings:
        $a = "rsvr-cfg-v2"
        $b = { 52 45 45 44 50 49 50 45 }
        $c = "update.reservoir-telemetry.example"
    condition:
        uint16(0) == 0x457f and 2 of them
}
`;

const INDICATORS_CSV = `type,value,first_seen,comment
domain,update.reservoir-telemetry.example,2025-09-02,REEDPIPE command server
ipv4,203.0.113.47,2025-09-02,staging server; received hospital data on 2025-10-21
ipv4,198.51.100.23,2025-09-02,VPN logins with stolen contractor credentials
url,https://cdn.boravia-mirror.example/scada/fw.bin,2025-11-03,SILTWIPE download
sha256,4f6c2b8e0a9d7e13c5b2f8a61d0e3c97b4a5f2e81c6d9b037a2e5f4c18d6b09e,2025-09-15,REEDPIPE loader
`;

// --- a tiny PNG, built here so the sample needs no binary file ---------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(parts: readonly Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts) for (const b of p) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (n: number) => new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);

function chunk(type: string, data: Uint8Array): Uint8Array[] {
  const name = utf8(type);
  return [u32(data.length), name, data, u32(crc32([name, data]))];
}

/** zlib stream of one stored (uncompressed) deflate block: valid, simple, fine for a few hundred bytes. */
function zlibStored(data: Uint8Array): Uint8Array {
  if (data.length > 0xffff) throw new RangeError("a stored block holds at most 65535 bytes");
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  const len = data.length;
  const head = new Uint8Array([0x78, 0x01, 0x01, len & 0xff, len >>> 8, ~len & 0xff, (~len >>> 8) & 0xff]);
  return concatBytes(head, data, u32(((b << 16) | a) >>> 0));
}

/** A 24x16 RGB "screenshot": a grey HMI panel with a red bar where the set point changed. */
export function hmiScreenshotPng(): Uint8Array {
  const width = 24;
  const height = 16;
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const alarm = y >= 6 && y <= 9 && x >= 4 && x <= 19;
      const frame = y === 0 || y === height - 1 || x === 0 || x === width - 1;
      const [r, g, b] = alarm ? [200, 30, 30] : frame ? [40, 60, 90] : [190, 195, 200];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const ihdr = concatBytes(u32(width), u32(height), new Uint8Array([8, 2, 0, 0, 0])); // 8-bit RGB, no interlace
  return concatBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunk("IHDR", ihdr), ...chunk("IDAT", zlibStored(raw)), ...chunk("IEND", new Uint8Array()));
}
