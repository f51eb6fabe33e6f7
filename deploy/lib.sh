# shellcheck shell=bash
# shellcheck disable=SC2034  # the names set here are read by the scripts that source this file
# Shared by deploy.sh and destroy.sh: the names of an environment, the checks that run before any
# change, and the one way AWS is called (printed first, skipped under DRY_RUN=1).
#
# Plan lines ("+ aws ...", "+ mvn ...") go to file descriptor 3, which the scripts point at their
# standard output; progress messages go to standard error. A dry run prints the same plan as a
# first deployment (or, for destroy, as the removal of a complete environment) without calling AWS.

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$DEPLOY_DIR/.." && pwd)"

# The AllowedPattern of EnvironmentSuffix in templates/root.json and templates/bootstrap.json.
readonly ENV_SUFFIX_PATTERN='^[a-z][a-z0-9]{1,9}$'
readonly REGION_PATTERN='^[a-z]{2}(-gov)?-[a-z]+-[0-9]$'
readonly FUNCTIONS=(validator enricher recorder global-table-resource)

PRIMARY_REGION="${PRIMARY_REGION:-us-east-1}"
REPLICA_REGION="${REPLICA_REGION:-eu-west-1}"
DRY_RUN="${DRY_RUN:-0}"
DRY_RUN_ACCOUNT_ID="${DRY_RUN_ACCOUNT_ID:-123456789012}"
STACK_SET_ADMINISTRATION_ROLE_NAME="${STACK_SET_ADMINISTRATION_ROLE_NAME:-AWSCloudFormationStackSetAdministrationRole}"
STACK_SET_EXECUTION_ROLE_NAME="${STACK_SET_EXECUTION_ROLE_NAME:-AWSCloudFormationStackSetExecutionRole}"
# Polling: every wait is bounded; the tests set POLL_SECONDS=0.
POLL_SECONDS="${POLL_SECONDS:-15}"
STACK_SET_TIMEOUT_SECONDS="${STACK_SET_TIMEOUT_SECONDS:-7200}"
REPLICA_TIMEOUT_SECONDS="${REPLICA_TIMEOUT_SECONDS:-3600}"
IMAGE_REPLICATION_TIMEOUT_SECONDS="${IMAGE_REPLICATION_TIMEOUT_SECONDS:-1800}"
readonly CREATED_BY_TAG_KEY="trade-processing:created-by"
readonly CREATED_BY_TAG_VALUE="make-deploy"

die() {
  echo "error: $*" >&2
  exit 1
}

info() {
  echo "==> $*" >&2
}

dry_run() {
  [[ $DRY_RUN == 1 ]]
}

# Prints one command of the plan, words that need it in single quotes, so that the line can be
# pasted into a shell or split by one (the tests read it with Python's shlex).
plan() {
  local word line=""
  for word in "$@"; do
    if [[ ! $word =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
      word="'${word//\'/\'\\\'\'}'"
    fi
    line+="${line:+ }$word"
  done
  printf '+ %s\n' "$line" >&3
}

# Runs an AWS command (after printing it); its standard output is passed on.
aws_do() {
  plan aws "$@"
  dry_run && return 0
  aws "$@"
}

# Runs a reading AWS command and prints its answer; a dry run prints the stand-in answer $1.
aws_read() {
  local dry_answer=$1
  shift
  plan aws "$@"
  if dry_run; then
    printf '%s\n' "$dry_answer"
    return 0
  fi
  aws "$@"
}

# Succeeds when AWS finds the resource and fails when it answers with the not-found error matched
# by $2; any other error (access denied, throttling, no network) stops the script. A dry run
# answers $1 (yes or no).
aws_exists() {
  local dry_answer=$1 not_found=$2 err
  shift 2
  plan aws "$@"
  if dry_run; then
    [[ $dry_answer == yes ]]
    return
  fi
  if err=$(aws "$@" 2>&1 >/dev/null); then
    return 0
  fi
  if grep -Eq -- "$not_found" <<<"$err"; then
    return 1
  fi
  die "aws $1 $2 failed: $err"
}

validate_env_suffix() {
  local suffix=$1
  [[ -n $suffix ]] || die "ENV is missing: give the environment suffix, e.g. make deploy ENV=dev (2 to 10 lowercase letters or digits, starting with a letter)"
  [[ $suffix =~ $ENV_SUFFIX_PATTERN ]] ||
    die "ENV '$suffix' is invalid: it must match $ENV_SUFFIX_PATTERN (2 to 10 lowercase letters or digits, starting with a letter), the EnvironmentSuffix pattern of templates/root.json"
}

validate_regions() {
  [[ $PRIMARY_REGION =~ $REGION_PATTERN ]] || die "PRIMARY_REGION '$PRIMARY_REGION' is not a region code"
  [[ $REPLICA_REGION =~ $REGION_PATTERN ]] || die "REPLICA_REGION '$REPLICA_REGION' is not a region code"
  [[ $PRIMARY_REGION != "$REPLICA_REGION" ]] || die "PRIMARY_REGION and REPLICA_REGION must differ"
}

# Sets the names every step uses (the templates' naming: <purpose>-<env>).
environment_names() {
  ENV_SUFFIX=$1
  BOOTSTRAP_STACK="trade-processing-bootstrap-$ENV_SUFFIX"
  STACK_SET="trade-processing-$ENV_SUFFIX"
  REPOSITORY="ecr-functions-$ENV_SUFFIX"
  TABLE="dynamodb-trades-$ENV_SUFFIX"
  STATE_DIR="$DEPLOY_DIR/build/$ENV_SUFFIX"
  ARTIFACT_PREFIX="trade-processing/$ENV_SUFFIX"
}

partition_of() {
  case $1 in
    us-gov-*) echo aws-us-gov ;;
    cn-*) echo aws-cn ;;
    *) echo aws ;;
  esac
}

require_aws_cli() {
  dry_run && return 0
  command -v aws >/dev/null ||
    die "the AWS CLI (aws) is not installed or not on PATH: install AWS CLI v2 (docs/deploy.md, Prerequisites)"
}

# Sets ACCOUNT_ID from the caller's identity; no credentials stop here, before any change.
require_credentials() {
  local answer
  plan aws sts get-caller-identity --query Account --output text
  if dry_run; then
    ACCOUNT_ID=$DRY_RUN_ACCOUNT_ID
    return 0
  fi
  answer=$(aws sts get-caller-identity --query Account --output text 2>&1) ||
    die "no usable AWS credentials (aws sts get-caller-identity failed: $answer). Set AWS_PROFILE or the AWS_* credential variables."
  [[ $answer =~ ^[0-9]{12}$ ]] || die "unexpected answer from aws sts get-caller-identity: '$answer'"
  ACCOUNT_ID=$answer
}

# Self-managed stack sets need two roles in the account (AWS's templates create them):
# the administration role CloudFormation assumes, and the execution role it assumes in turn.
require_stack_set_roles() {
  local role
  for role in "$STACK_SET_ADMINISTRATION_ROLE_NAME" "$STACK_SET_EXECUTION_ROLE_NAME"; do
    aws_exists yes 'NoSuchEntity' iam get-role --role-name "$role" --query Role.Arn --output text ||
      die "the IAM role $role is missing: self-managed stack sets need $STACK_SET_ADMINISTRATION_ROLE_NAME and $STACK_SET_EXECUTION_ROLE_NAME (docs/deploy.md, Prerequisites, shows how to create them)"
  done
  STACK_SET_ADMINISTRATION_ROLE_ARN="arn:$(partition_of "$PRIMARY_REGION"):iam::$ACCOUNT_ID:role/$STACK_SET_ADMINISTRATION_ROLE_NAME"
}

# The stack set's operation preferences: one region at a time, primary first, stop at a failure.
operation_preferences() {
  printf '{"RegionConcurrencyType":"SEQUENTIAL","RegionOrder":["%s","%s"],"MaxConcurrentCount":1,"FailureToleranceCount":0}' \
    "$PRIMARY_REGION" "$REPLICA_REGION"
}

# Polls a stack set operation until it ends; a failed or stopped operation prints why per region.
wait_stack_set_operation() {
  local operation_id=$1 what=$2 status deadline=$((SECONDS + STACK_SET_TIMEOUT_SECONDS))
  info "waiting for the stack set operation $operation_id ($what)"
  while :; do
    status=$(aws_read SUCCEEDED cloudformation describe-stack-set-operation --region "$PRIMARY_REGION" \
      --stack-set-name "$STACK_SET" --operation-id "$operation_id" \
      --query StackSetOperation.Status --output text)
    case $status in
      SUCCEEDED) return 0 ;;
      FAILED | STOPPED)
        aws_read "" cloudformation list-stack-set-operation-results --region "$PRIMARY_REGION" \
          --stack-set-name "$STACK_SET" --operation-id "$operation_id" \
          --query 'Summaries[].[Region,Status,StatusReason]' --output text >&2 || true
        die "stack set operation $operation_id ($what) ended $status; the reasons are above, the stack events in CloudFormation"
        ;;
    esac
    ((SECONDS < deadline)) || die "stack set operation $operation_id ($what) still $status after ${STACK_SET_TIMEOUT_SECONDS}s"
    sleep "$POLL_SECONDS"
  done
}

stack_set_exists() {
  aws_exists "$1" 'StackSetNotFoundException' cloudformation describe-stack-set --region "$PRIMARY_REGION" \
    --stack-set-name "$STACK_SET" --query StackSet.Status --output text
}

stack_instance_exists() {
  local dry_answer=$1 region=$2 count
  count=$(aws_read "$dry_answer" cloudformation list-stack-instances --region "$PRIMARY_REGION" \
    --stack-set-name "$STACK_SET" --stack-instance-account "$ACCOUNT_ID" --stack-instance-region "$region" \
    --query 'length(Summaries)' --output text)
  [[ $count != 0 ]]
}

default_artifact_bucket() {
  echo "trade-processing-artifacts-$ACCOUNT_ID-$PRIMARY_REGION-$ENV_SUFFIX"
}
