/** One function per API operation the web client uses. */
import { ApiClient } from "./client";
import type {
  AcceptedRequest,
  Application,
  ApplicationBody,
  Branch,
  Decision,
  ImportBody,
  ImportReport,
  Me,
  MemberFilters,
  MemberRow,
  MePatch,
  Page,
  ResignationPreview,
  TokenResponse,
  TransferRequestBody,
} from "./types";

export const PAGE_SIZE = 50;

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

    // admin
    importMembers: (body: ImportBody) => client.post<ImportReport>("/api/admin/imports", body),
  };
}

export type Api = ReturnType<typeof makeApi>;
