import { useCallback, useEffect } from "preact/hooks";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { Loading } from "../components/Guard";
import { useI18n } from "../i18n/context";
import { useBranches } from "../lib/branches";
import { api, session, useSession } from "../services";
import { DetailsForm } from "./me/DetailsForm";
import { ExportSection, ResignationSection, RetirementSection, TransferSection } from "./me/Requests";
import { EventLinks, MembershipSummary, PendingRequests, StatusHistory } from "./me/Summary";

export function MyDetails() {
  const { t } = useI18n();
  const { me } = useSession();
  const notices = useNotices();
  const directory = useBranches();

  const reload = useCallback(() => {
    api
      .me()
      .then((fresh) => session.setMe(fresh))
      .catch((error: unknown) => console.warn("could not reload /api/me", error));
  }, []);

  useEffect(reload, [reload]);

  if (!me) return <Loading />;
  return (
    <section>
      <PageTitle title={t("me.title")} />
      <Notice notices={notices} owner="page" />
      <div class="grid">
        <div class="column">
          <MembershipSummary me={me} directory={directory} />
          <DetailsForm me={me} notices={notices} />
        </div>
        <div class="column">
          <EventLinks />
          <PendingRequests me={me} />
          <TransferSection me={me} directory={directory} notices={notices} onDone={reload} />
          <RetirementSection notices={notices} />
          <ResignationSection me={me} />
          <ExportSection notices={notices} />
          <StatusHistory me={me} />
        </div>
      </div>
    </section>
  );
}
