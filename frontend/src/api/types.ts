/** Shapes of the API's JSON, as the contract describes them. */

export const LANGUAGES = ["fi", "sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = [
  "member",
  "shop_steward",
  "branch_officer",
  "organizer",
  "trustee",
  "treasurer",
  "election_officer",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const CATEGORIES = ["working", "student", "unemployed", "retired", "parental_leave"] as const;
export type Category = (typeof CATEGORIES)[number];

export const STATUSES = ["applicant", "active", "suspended", "resigned"] as const;
export type MemberStatus = (typeof STATUSES)[number];

export const CONSEQUENCES = [
  "strike_allowance",
  "legal_aid",
  "unemployment_fund",
  "insurance",
  "voting_rights",
  "events_and_trainings",
  "member_benefits",
] as const;
export type ConsequenceCode = (typeof CONSEQUENCES)[number];

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}

export interface Grant {
  role: string;
  branch_ids: string[];
  workplace_ids: string[];
}

export interface StatusChange {
  status: string;
  category: string | null;
  at: string;
  reason: string | null;
}

export interface PendingRequest {
  id: string;
  kind: string;
  status: string;
  details: unknown;
  created_at: string;
}

export interface Me {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  iban: string | null;
  language: string | null;
  branch_id: string | null;
  workplace_id: string | null;
  category: string | null;
  status: string;
  roles: string[];
  grants: Grant[];
  member_since: string | null;
  status_history: StatusChange[];
  pending_requests: PendingRequest[];
}

export const EDITABLE_ME_FIELDS = [
  "email",
  "first_name",
  "last_name",
  "phone",
  "street_address",
  "postal_code",
  "city",
  "country",
  "iban",
] as const;
export type EditableMeField = (typeof EDITABLE_ME_FIELDS)[number];
export type MePatch = Partial<Record<EditableMeField | "language", string | null>>;

export interface TransferRequestBody {
  branch_id?: string;
  workplace_id?: string;
  reason?: string;
}

export interface AcceptedRequest {
  id: string;
  kind: string;
  status: string;
}

export interface ResignationPreview {
  effective_date: string;
  consequences: { code: string }[];
}

export interface Workplace {
  id: string;
  name: string;
  employer_id: string | null;
  employer_name: string | null;
}

export interface Branch {
  id: string;
  name: string;
  workplaces: Workplace[];
}

export interface ApplicationBody {
  email: string;
  first_name: string;
  last_name: string;
  branch_id: string;
  workplace_id?: string;
  category?: string;
  phone?: string;
  language?: string;
}

export interface Application {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  branch_id: string | null;
  workplace_id: string | null;
  category: string | null;
  status: string;
  submitted_at: string;
}

export interface Decision {
  decision: "approve" | "reject";
  reason?: string;
}

export interface MemberRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  branch_id: string | null;
  workplace_id: string | null;
  category: string | null;
  status: string;
}

export interface MemberFilters {
  q?: string;
  branch_id?: string;
  workplace_id?: string;
  category?: string;
  status?: string;
}

export interface Page<T> {
  items: T[];
  next?: string | null;
}

export interface ImportBody {
  filename: string;
  content_base64: string;
  dry_run: boolean;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; fields: { path: string; message: string }[] }[];
}

// --- events and trainings (docs/events.md) --------------------------------------------------

export const EVENT_KINDS = ["event", "training"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Texts in the three languages; any may be missing or empty. */
export type Texts = Partial<Record<Language, string>>;

export const REGISTRATION_STATUSES = ["confirmed", "waiting", "pending_approval", "cancelled", "declined"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The statuses that hold a member's place (a new registration is refused while one exists). */
export const ACTIVE_REGISTRATION: readonly string[] = ["confirmed", "waiting", "pending_approval"];

export interface Audience {
  branch_ids?: string[];
  workplace_ids?: string[];
  categories?: string[];
}

/** One property of the registration questions' JSON Schema, as the web UI writes it. */
export interface QuestionProperty {
  type: "string" | "array" | "boolean" | "number" | "integer";
  title?: string;
  "x-title"?: Texts;
  maxLength?: number;
  enum?: string[];
  items?: { enum?: string[]; type?: string };
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
}

export interface QuestionsSchema {
  type: "object";
  properties: Record<string, QuestionProperty>;
  required?: string[];
}

export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

export interface Seats {
  capacity: number;
  confirmed: number;
  waiting: number;
  free: number;
}

export interface Registration {
  event_id: string;
  kind?: EventKind;
  status: RegistrationStatus | string;
  position: number | null;
  answers: Answers;
  registered_at?: string;
  checked_in_at?: string | null;
  completed?: boolean;
  event?: EventSummary;
}

export interface EventSummary {
  id: string;
  kind: EventKind;
  title: Texts;
  starts_at: string;
  ends_at: string;
  place: string | null;
  online_url: string | null;
}

export interface UnionEvent extends EventSummary {
  description: Texts;
  timezone: string;
  capacity: number;
  registration_opens_at: string;
  registration_closes_at: string;
  cancellation_deadline: string;
  audience: Audience | null;
  questions: QuestionsSchema | null;
  price_cents: number;
  status: "published" | "cancelled" | string;
  organizer_ids: string[];
  seats: Seats;
  can_manage: boolean;
  my_registration: Registration | null;
  hours?: number | null;
  prerequisites?: string[];
  requires_approval?: boolean;
}

/** The body of POST /api/events (and, any subset, of PATCH). */
export interface EventBody {
  title: Texts;
  description?: Texts;
  starts_at: string;
  ends_at: string;
  place?: string | null;
  online_url?: string | null;
  capacity: number;
  registration_opens_at?: string;
  registration_closes_at?: string;
  cancellation_deadline?: string;
  audience?: Audience | null;
  questions?: QuestionsSchema | null;
  hours?: number;
  prerequisites?: string[];
  requires_approval?: boolean;
  status?: "cancelled";
}

export const PARTICIPANT_TABS = ["confirmed", "waiting", "checked_in", "pending_approval"] as const;
export type ParticipantTab = (typeof PARTICIPANT_TABS)[number];

export interface Participant {
  member_id: string;
  first_name: string;
  last_name: string;
  email: string;
  status: RegistrationStatus | string;
  position: number | null;
  answers: Answers;
  registered_at: string;
  checked_in_at: string | null;
  completed: boolean;
}

export interface ParticipantQuery {
  status?: ParticipantTab;
  q?: string;
  limit?: number;
  cursor?: string | null;
}

export interface Attendance {
  member_id: string;
  completed: boolean;
  certificate_code?: string | null;
}

export interface Enrolment {
  training_id: string;
  title: Texts;
  starts_at: string;
  member_id: string;
  first_name: string;
  last_name: string;
  branch_id: string | null;
  requested_at: string;
  answers: Answers;
}

export interface MyCertificate {
  code: string;
  training_id: string;
  title: Texts;
  completed_on: string;
  hours: number | null;
}

export interface CertificateCheck {
  genuine: boolean;
  code?: string;
  name?: string;
  training?: Texts;
  date?: string;
  hours?: number | null;
  union?: string;
}

export const EXPORT_FORMATS = ["csv", "csv-semicolon", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// --- elections (docs/elections.md) -----------------------------------------------------------

export const ELECTION_KINDS = ["yesno", "plurality", "approval", "irv", "stv-scottish", "stv-meek", "dhondt"] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];
export const RANKED_KINDS: readonly ElectionKind[] = ["irv", "stv-scottish", "stv-meek"];

export const ELECTION_STATUSES = ["draft", "opening", "open", "closing", "counted", "published", "cancelled"] as const;
export type ElectionStatus = (typeof ELECTION_STATUSES)[number];

export const BALLOT_ORDERS = ["as_entered", "alphabetical", "random"] as const;
export type BallotOrder = (typeof BALLOT_ORDERS)[number];

export interface ElectionOption {
  id: string;
  name: string;
  list?: string | null;
  alliance?: string | null;
}

export interface Eligibility {
  statuses?: string[];
  categories?: string[];
  branch_ids?: string[];
  workplace_ids?: string[];
  member_since_from?: string | null;
  member_since_until?: string | null;
  segment_id?: string | null;
  dues_paid_until?: string | null;
}

/** The body of POST /api/elections (and, any subset, of PATCH). */
export interface ElectionBody {
  title: Texts;
  description?: Texts;
  kind: ElectionKind;
  options?: ElectionOption[];
  seats?: number;
  max_choices?: number | null;
  opens_at: string;
  closes_at: string;
  eligibility?: Eligibility | null;
  ballot_order?: BallotOrder;
  turnout_by_branch?: boolean;
  qualified_majority?: string | null;
  quorum?: number | null;
  revision?: number;
}

export interface Election {
  id: string;
  title: Texts;
  description: Texts;
  kind: ElectionKind;
  options: ElectionOption[];
  seats: number;
  max_choices: number | null;
  opens_at: string;
  closes_at: string;
  eligibility: Eligibility | null;
  ballot_order: BallotOrder;
  turnout_by_branch: boolean;
  qualified_majority: string | null;
  quorum: number | null;
  status: ElectionStatus;
  roll_count: number | null;
  board_head: string | null;
  created_by?: string;
  created_at?: string;
  revision: number;
  can_manage: boolean;
  my: { on_roll: boolean; voted: boolean };
}

/** GET /api/elections/{id}/ballot: the options in this voter's order. */
export interface BallotSheet {
  election_id: string;
  kind: ElectionKind;
  title: Texts;
  description: Texts;
  options: ElectionOption[];
  seats: number;
  max_choices: number | null;
  min_choices?: number;
  blank_allowed: boolean;
  ranked: boolean;
  closes_at: string;
  status?: ElectionStatus;
  preview: boolean;
  voted: boolean;
}

export interface TrackingReceipt {
  tracking_code: string;
}

export interface BranchTurnout {
  branch_id: string;
  name: string;
  roll_count: number;
  ballots_cast: number;
}

export interface Turnout {
  roll_count: number;
  ballots_cast: number;
  turnout: number;
  by_branch: BranchTurnout[] | null;
}

export interface BoardBlock {
  index: number;
  election_id: string;
  previous_hash: string;
  merkle_root: string;
  size: number;
  sealed_at: string;
  hash: string;
  codes?: string[];
}

export interface Board {
  election_id: string;
  status: ElectionStatus;
  /** Not in the contract yet: shown when the server sends it. */
  title?: Texts;
  head: string;
  final: boolean;
  blocks: BoardBlock[];
  pending: string[];
  codes_total: number;
  next_block: number | null;
}

export interface ProofStep {
  side: "left" | "right";
  hash: string;
}

export interface CodeLookup {
  tracking_code: string;
  sealed: boolean;
  block: BoardBlock | null;
  proof: ProofStep[];
  head: string;
}

export type RoundRecord = Record<string, unknown>;

export interface TieBreak {
  stage: number | string;
  candidates: string[];
  rule: string;
  chosen: string[];
  for: string;
  stages_compared?: number[];
  drawn_among?: string[];
}

export interface ElectionResults {
  status: "counted" | "published";
  election_id: string;
  /** Not in the contract yet: shown when the server sends it. */
  title?: Texts;
  kind: ElectionKind;
  seats: number;
  roll_count: number;
  ballots_cast: number;
  counts: Record<string, number>;
  elected: string[];
  rounds: RoundRecord[];
  tie_breaks: TieBreak[];
  board_head: string | null;
  ballots_digest?: string | null;
  options: ElectionOption[];
  extra?: Record<string, unknown>;
  counted_at?: string | null;
  published_at?: string | null;
}

export interface Segment {
  id: string;
  name: string;
  description: string;
}
