#!/usr/bin/env bash
# Removes one environment: `make destroy ENV=<suffix>`. Everything deploy.sh created goes, the
# replica region first (docs/deploy.md, "Destroy"):
#   0. the failover stack (the global endpoint, its health checks and alarms), primary region first
#      (its health check reads the replica region's operator switch alarm), then the replica's: the
#      endpoint names both regions' buses, so it goes before the instances that hold them
#   1. the stack set's instances: the replica region's, then the primary's (whose storage stack
#      removes the table's replica through the custom resource before it deletes the table)
#   2. the stack set
#   3. this environment's rule in the registry's replication configuration, and no other rule
#      (ADR 0021; not with MANAGE_REGISTRY_REPLICATION=false)
#   4. the bootstrap stacks, replica region first; their repositories are emptied on delete
#      (EmptyOnDelete), which removes the images; a repository still there is deleted with --force
#   5. the packaging bucket if deploy.sh created it (tagged trade-processing:created-by), or this
#      environment's prefix in a bucket given as ARTIFACT_BUCKET; the local state in deploy/build
# Missing pieces are skipped, so a destroy that stopped half-way can be run again.
# DRY_RUN=1 prints the commands that remove a complete environment without calling AWS.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
exec 3>&1

delete_stack_instances() {
  local region operation_id
  for region in "$REPLICA_REGION" "$PRIMARY_REGION"; do
    stack_instance_exists yes "$region" || continue
    info "deleting the stack instance in $region"
    operation_id=$(aws_read "dry-run-delete-$region" cloudformation delete-stack-instances \
      --region "$PRIMARY_REGION" --stack-set-name "$STACK_SET" --accounts "$ACCOUNT_ID" --regions "$region" \
      --no-retain-stacks --operation-preferences "$(operation_preferences)" --query OperationId --output text)
    wait_stack_set_operation "$operation_id" "delete the instance in $region"
  done
}

delete_failover() {
  local region
  for region in "$PRIMARY_REGION" "$REPLICA_REGION"; do
    aws_exists yes 'does not exist' cloudformation describe-stacks --region "$region" \
      --stack-name "$FAILOVER_STACK" --query 'Stacks[0].StackStatus' --output text || continue
    info "deleting the failover stack in $region"
    aws_do cloudformation delete-stack --region "$region" --stack-name "$FAILOVER_STACK"
    aws_do cloudformation wait stack-delete-complete --region "$region" --stack-name "$FAILOVER_STACK" ||
      die "the failover stack in $region was not deleted: see its events"
  done
}

# The dry run's stand-in for the registry's replication configuration: this environment's rule.
dry_run_replication_configuration() {
  printf '{"rules":[{"destinations":[{"region":"%s","registryId":"%s"}],"repositoryFilters":[{"filter":"%s","filterType":"PREFIX_MATCH"}]}]}' \
    "$REPLICA_REGION" "$ACCOUNT_ID" "$REPOSITORY"
}

delete_bootstrap() {
  local region
  for region in "$REPLICA_REGION" "$PRIMARY_REGION"; do
    if aws_exists yes 'does not exist' cloudformation describe-stacks --region "$region" \
      --stack-name "$BOOTSTRAP_STACK" --query 'Stacks[0].StackStatus' --output text; then
      info "deleting the bootstrap stack in $region"
      aws_do cloudformation delete-stack --region "$region" --stack-name "$BOOTSTRAP_STACK"
      aws_do cloudformation wait stack-delete-complete --region "$region" --stack-name "$BOOTSTRAP_STACK" ||
        die "the bootstrap stack in $region was not deleted: see its events"
    fi
    # ECR replication creates a missing destination repository itself; such a repository (or one
    # left by a failed delete) is not the stack's, so it is removed here with its images.
    if aws_exists no 'RepositoryNotFoundException' ecr describe-repositories --region "$region" \
      --repository-names "$REPOSITORY" --query 'repositories[0].repositoryName' --output text; then
      info "deleting the repository $REPOSITORY left in $region"
      aws_do ecr delete-repository --region "$region" --repository-name "$REPOSITORY" --force >/dev/null
    fi
  done
}

delete_artifacts() {
  local bucket created_by
  if [[ -n ${ARTIFACT_BUCKET:-} ]]; then
    info "removing s3://$ARTIFACT_BUCKET/$ARTIFACT_PREFIX (the bucket was given, so it stays)"
    aws_do s3 rm "s3://$ARTIFACT_BUCKET/$ARTIFACT_PREFIX" --recursive --only-show-errors
  else
    bucket=$(default_artifact_bucket)
    if aws_exists yes '\(404\)|Not Found|NoSuchBucket' s3api head-bucket --bucket "$bucket"; then
      created_by=$(aws_read "$CREATED_BY_TAG_VALUE" s3api get-bucket-tagging --bucket "$bucket" \
        --query "TagSet[?Key=='$CREATED_BY_TAG_KEY'].Value | [0]" --output text 2>/dev/null || true)
      if [[ $created_by == "$CREATED_BY_TAG_VALUE" ]]; then
        info "deleting the packaging bucket $bucket"
        aws_do s3 rm "s3://$bucket" --recursive --only-show-errors
        aws_do s3api delete-bucket --region "$PRIMARY_REGION" --bucket "$bucket"
      else
        info "keeping s3://$bucket: it is not tagged $CREATED_BY_TAG_KEY=$CREATED_BY_TAG_VALUE"
      fi
    fi
  fi
  dry_run || rm -rf "$STATE_DIR"
}

main() {
  local suffix=${1:-${ENV:-}}
  validate_env_suffix "$suffix"
  validate_regions
  validate_replication_choice
  environment_names "$suffix"
  require_python
  require_aws_cli
  dry_run && info "DRY_RUN=1: printing the commands that remove the whole environment '$ENV_SUFFIX'; AWS is not called"
  require_credentials
  require_stack_set_roles
  delete_failover
  if stack_set_exists yes; then
    delete_stack_instances
    info "deleting the stack set $STACK_SET"
    aws_do cloudformation delete-stack-set --region "$PRIMARY_REGION" --stack-set-name "$STACK_SET"
  fi
  # Before the repositories go, so that nothing replicates into the replica region once it is gone.
  registry_replication remove "$(dry_run_replication_configuration)"
  delete_bootstrap
  delete_artifacts
  if dry_run; then
    info "dry run of the removal of $ENV_SUFFIX complete: nothing was called or changed"
  else
    info "environment $ENV_SUFFIX destroyed"
  fi
}

main "$@"
