/** One function per API operation the web client uses. */
import { ApiClient } from "./client";
import type {
  AcceptedRequest,
  Answers,
  BallotSheet,
  Board,
  CodeLookup,
  Election,
  ElectionBody,
  ElectionResults,
  ElectionStatus,
  Segment,
  TrackingReceipt,
  Turnout,
  Application,
  ApplicationBody,
  Attendance,
  Branch,
  CertificateCheck,
  Decision,
  Enrolment,
  EventBody,
  EventKind,
  ExportFormat,
  ImportBody,
  ImportReport,
  Me,
  MemberFilters,
  MemberRow,
  MePatch,
  MyCertificate,
  Page,
  Participant,
  ParticipantQuery,
  Registration,
  ResignationPreview,
  TokenResponse,
  TransferRequestBody,
  UnionEvent,
} from "./types";

export const PAGE_SIZE = 50;

/** Events live under /api/events, trainings under /api/trainings, with the same shape. */
export function eventPath(kind: EventKind, id?: string, ...rest: string[]): string {
  const base = kind === "training" ? "/api/trainings" : "/api/events";
  const parts = [id, ...rest].filter((p): p is string => p !== undefined).map(encodeURIComponent);
  return parts.length ? `${base}/${parts.join("/")}` : base;
}

/** "/api/elections/<id>/board/<code>" with every part encoded. */
export function electionPath(id?: string, ...rest: string[]): string {
  const parts = [id, ...rest].filter((p): p is string => p !== undefined).map(encodeURIComponent);
  return parts.length ? `/api/elections/${parts.join("/")}` : "/api/elections";
}

export const EXPORTS: Record<ExportFormat, { file: string; accept: string; query?: Record<string, string> }> = {
  csv: { file: "participants.csv", accept: "text/csv" },
  "csv-semicolon": { file: "participants.csv", accept: "text/csv", query: { delimiter: "semicolon" } },
  xlsx: { file: "participants.xlsx", accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
};

export function makeApi(client: ApiClient) {
  return {
    client,

    // auth
    requestCode: (email: string) => client.post<void>("/api/auth/code", { email }, { auth: false }),
    exchangeCode: (email: string, code: string) =>
      client.post<TokenResponse>("/api/auth/token", { email, code }, { auth: false }),
    signOut: () => client.post<unknown>("/api/auth/signout"),

    // self-service
    me: () => client.get<Me>("/api/me"),
    updateMe: (patch: MePatch) => client.patch<Me>("/api/me", patch),
    requestTransfer: (body: TransferRequestBody) =>
      client.post<AcceptedRequest>("/api/me/transfer-requests", body),
    reportRetirement: (retirementDate: string) =>
      client.post<Me>("/api/me/retirement", { retirement_date: retirementDate }),
    resignationPreview: () => client.get<ResignationPreview>("/api/me/resignation"),
    resign: (reason?: string) =>
      client.post<Me>("/api/me/resignation", reason ? { confirm: true, reason } : { confirm: true }),
    exportMyData: () => client.get<unknown>("/api/me/export"),

    // public
    branches: () => client.get<Page<Branch>>("/api/branches", { auth: false }),
    apply: (body: ApplicationBody) =>
      client.post<{ id: string; status: string }>("/api/applications", body, { auth: false }),

    // officers and staff
    pendingApplications: () =>
      client.get<Page<Application>>("/api/applications", { query: { status: "pending" } }),
    decide: (id: string, decision: Decision) =>
      client.post<{ id: string; status: string }>(
        `/api/applications/${encodeURIComponent(id)}/decision`,
        decision,
      ),
    members: (filters: MemberFilters, cursor?: string | null) =>
      client.get<Page<MemberRow>>("/api/members", {
        query: { ...filters, limit: PAGE_SIZE, cursor: cursor ?? undefined },
      }),

    // events and trainings
    events: (kind: EventKind, past = false) =>
      client.get<Page<UnionEvent>>(eventPath(kind), { query: { past: past || undefined } }),
    event: (kind: EventKind, id: string) => client.get<UnionEvent>(eventPath(kind, id)),
    createEvent: (kind: EventKind, body: EventBody) => client.post<UnionEvent>(eventPath(kind), body),
    updateEvent: (kind: EventKind, id: string, patch: Partial<EventBody>) =>
      client.patch<UnionEvent>(eventPath(kind, id), patch),
    register: (kind: EventKind, id: string, answers: Answers) =>
      client.post<Registration>(eventPath(kind, id, "registrations"), { answers }),
    changeAnswers: (kind: EventKind, id: string, answers: Answers) =>
      client.patch<Registration>(eventPath(kind, id, "registrations", "me"), { answers }),
    cancelRegistration: (kind: EventKind, id: string) =>
      client.delete<Registration>(eventPath(kind, id, "registrations", "me")),
    calendar: (kind: EventKind, id: string) => client.download(eventPath(kind, id, "calendar.ics"), "text/calendar"),
    myRegistrations: () => client.get<Page<Registration>>("/api/me/registrations"),

    // organizers
    participants: (kind: EventKind, id: string, query: ParticipantQuery) =>
      client.get<Page<Participant>>(eventPath(kind, id, "participants"), { query: { ...query } }),
    checkIn: (kind: EventKind, id: string, memberId: string) =>
      client.post<Participant>(eventPath(kind, id, "checkins"), { member_id: memberId }),
    undoCheckIn: (kind: EventKind, id: string, memberId: string) =>
      client.delete<Participant>(eventPath(kind, id, "checkins", memberId)),
    exportParticipants: (kind: EventKind, id: string, format: ExportFormat) => {
      const spec = EXPORTS[format];
      return client.download(eventPath(kind, id, spec.file), spec.accept, spec.query ? { query: spec.query } : {});
    },
    markAttendance: (id: string, memberId: string, completed: boolean) =>
      client.post<Attendance>(eventPath("training", id, "attendance"), { member_id: memberId, completed }),

    // branch officers
    enrolments: () => client.get<Page<Enrolment>>("/api/enrolments"),
    decideEnrolment: (trainingId: string, memberId: string, decision: Decision) =>
      client.post<Registration>(eventPath("training", trainingId, "enrolments", memberId, "decision"), decision),

    // certificates
    myCertificates: () => client.get<Page<MyCertificate>>("/api/me/certificates"),
    checkCertificate: (code: string) =>
      client.get<CertificateCheck>(`/api/certificates/${encodeURIComponent(code)}`, { auth: false }),
    certificatePdf: (code: string) =>
      client.download(`/api/certificates/${encodeURIComponent(code)}.pdf`, "application/pdf"),

    // elections
    elections: (statuses?: readonly ElectionStatus[]) =>
      client.get<{ items: Election[] }>(electionPath(), { query: { status: statuses?.join(",") } }),
    election: (id: string) => client.get<Election>(electionPath(id)),
    createElection: (body: ElectionBody) => client.post<Election>(electionPath(), body),
    updateElection: (id: string, patch: Partial<ElectionBody>) => client.patch<Election>(electionPath(id), patch),
    openElection: (id: string) => client.post<Election>(electionPath(id, "open")),
    closeElection: (id: string) => client.post<Election>(electionPath(id, "close")),
    publishResults: (id: string) => client.post<ElectionResults>(electionPath(id, "publish")),
    cancelElection: (id: string) => client.post<Election>(electionPath(id, "cancel")),
    ballot: (id: string) => client.get<BallotSheet>(electionPath(id, "ballot")),
    castBallot: (id: string, choices: string[]) =>
      client.post<TrackingReceipt>(electionPath(id, "ballots"), { choices }),
    turnout: (id: string) => client.get<Turnout>(electionPath(id, "turnout")),
    segments: () => client.get<{ items: Segment[] }>("/api/segments"),
    // The board is public and asked for without the token: a look-up must not tie a tracking
    // code to the signed-in voter in any log.
    board: (id: string, fromBlock = 0, limit?: number) =>
      client.get<Board>(electionPath(id, "board"), { auth: false, query: { from_block: fromBlock || undefined, limit } }),
    lookupCode: (id: string, code: string) => client.get<CodeLookup>(electionPath(id, "board", code), { auth: false }),
    // The officer sees the count before publication, so the token goes along here.
    results: (id: string) => client.get<ElectionResults>(electionPath(id, "results")),

    // admin
    importMembers: (body: ImportBody) => client.post<ImportReport>("/api/admin/imports", body),
  };
}

export type Api = ReturnType<typeof makeApi>;
