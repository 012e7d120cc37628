/** A branch select and a workplace select whose options follow the chosen branch. */
import type { BranchDirectory } from "../lib/branches";
import { workplaceLabel } from "../lib/branches";
import { SelectField } from "./Field";

export interface BranchSelectsProps {
  idPrefix: string;
  directory: BranchDirectory;
  branchId: string;
  workplaceId: string;
  onBranch: (id: string) => void;
  onWorkplace: (id: string) => void;
  branchLabel: string;
  workplaceLabel: string;
  branchPlaceholder: string;
  workplacePlaceholder: string;
  branchError?: string | undefined;
  workplaceError?: string | undefined;
  branchRequired?: boolean;
  branchOptional?: boolean;
  workplaceOptional?: boolean;
  /** With no branch chosen, list the workplaces of this branch (e.g. the member's own). */
  fallbackBranchId?: string | null;
}

export function BranchSelects(props: BranchSelectsProps) {
  const { directory } = props;
  const branchForWorkplaces = props.branchId || props.fallbackBranchId || "";
  const workplaces = directory.workplacesOf(branchForWorkplaces);
  return (
    <>
      <SelectField
        id={`${props.idPrefix}-branch_id`}
        name="branch_id"
        label={props.branchLabel}
        value={props.branchId}
        onValue={(id) => {
          props.onBranch(id);
          // A workplace of another branch no longer fits.
          if (props.workplaceId && id && directory.branchOfWorkplace(props.workplaceId) !== id) props.onWorkplace("");
        }}
        placeholder={props.branchPlaceholder}
        options={directory.branches.map((b) => ({ value: b.id, label: b.name }))}
        error={props.branchError}
        required={props.branchRequired ?? false}
        optional={props.branchOptional ?? false}
      />
      <SelectField
        id={`${props.idPrefix}-workplace_id`}
        name="workplace_id"
        label={props.workplaceLabel}
        value={props.workplaceId}
        onValue={props.onWorkplace}
        placeholder={props.workplacePlaceholder}
        options={workplaces.map((w) => ({ value: w.id, label: workplaceLabel(w) }))}
        error={props.workplaceError}
        optional={props.workplaceOptional ?? false}
      />
    </>
  );
}
