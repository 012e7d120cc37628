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
