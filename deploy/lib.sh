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
# The project virtualenv (make venv): deploy/*.py run with it.
PYTHON="$REPO_ROOT/.venv/bin/python"

# The AllowedPattern of EnvironmentSuffix in templates/root.json and templates/bootstrap.json.
readonly ENV_SUFFIX_PATTERN='^[a-z][a-z0-9]{1,9}$'
readonly REGION_PATTERN='^[a-z]{2}(-gov)?-[a-z]+-[0-9]$'
# No region code is this long (the longest, such as ap-southeast-3, have 14 characters); the bound
# keeps the packaging bucket's name within S3's 63 characters (default_artifact_bucket).
readonly REGION_MAX_LENGTH=20
readonly FUNCTIONS=(validator enricher recorder global-table-resource)

PRIMARY_REGION="${PRIMARY_REGION:-us-east-1}"
REPLICA_REGION="${REPLICA_REGION:-eu-west-1}"
DRY_RUN="${DRY_RUN:-0}"
DRY_RUN_ACCOUNT_ID="${DRY_RUN_ACCOUNT_ID:-123456789012}"
# true: deploy adds, and destroy removes, this environment's rule in the registry's replication
# configuration (ADR 0021); false: the registry's replication is managed elsewhere.
MANAGE_REGISTRY_REPLICATION="${MANAGE_REGISTRY_REPLICATION:-true}"
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

# Runs a reading AWS command and prints its answer, or nothing when AWS answers with the not-found
# error matched by $2; any other error stops the script (call it as x=$(aws_read_if_found ...) ||
# exit 1: its die ends only the command substitution). A dry run prints the stand-in answer $1.
aws_read_if_found() {
  local dry_answer=$1 not_found=$2 err_file answer err
  shift 2
  plan aws "$@"
  if dry_run; then
    printf '%s\n' "$dry_answer"
    return 0
  fi
  err_file=$(mktemp)
  if answer=$(aws "$@" 2>"$err_file"); then
    rm -f "$err_file"
    printf '%s\n' "$answer"
    return 0
  fi
  err=$(<"$err_file")
  rm -f "$err_file"
  grep -Eq -- "$not_found" <<<"$err" || die "aws $1 $2 failed: $err"
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
  ((${#PRIMARY_REGION} <= REGION_MAX_LENGTH && ${#REPLICA_REGION} <= REGION_MAX_LENGTH)) ||
    die "PRIMARY_REGION and REPLICA_REGION must have at most $REGION_MAX_LENGTH characters: no region code is longer"
}

validate_replication_choice() {
  [[ $MANAGE_REGISTRY_REPLICATION == true || $MANAGE_REGISTRY_REPLICATION == false ]] ||
    die "MANAGE_REGISTRY_REPLICATION must be true or false, not '$MANAGE_REGISTRY_REPLICATION'"
}

# Sets the names every step uses (the templates' naming: <purpose>-<env>).
environment_names() {
  ENV_SUFFIX=$1
  BOOTSTRAP_STACK="trade-processing-bootstrap-$ENV_SUFFIX"
  FAILOVER_STACK="trade-processing-failover-$ENV_SUFFIX"
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

# Needed by a dry run too: it runs registry-replication.py on its stand-in configuration.
require_python() {
  [[ -x $PYTHON ]] || die "the project virtualenv is missing: run make venv"
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

# Sets INSTANCE to the stack set's instance in region $2, "<Status> <DetailedStatus> <StackId>" (tab
# separated, None for a field AWS leaves out), or to nothing when there is none; a dry run answers
# $1. The account and region are filtered on the client side too: not every implementation of the
# API honours --stack-instance-account and --stack-instance-region (moto ignores them).
stack_instance() {
  local dry_answer=$1 region=$2
  INSTANCE=$(aws_read "$dry_answer" cloudformation list-stack-instances --region "$PRIMARY_REGION" \
    --stack-set-name "$STACK_SET" --stack-instance-account "$ACCOUNT_ID" --stack-instance-region "$region" \
    --query "Summaries[?Region=='$region' && Account=='$ACCOUNT_ID'] | [0].[Status,StackInstanceStatus.DetailedStatus,StackId]" \
    --output text) || die "the stack instances of $STACK_SET could not be listed (the reason is above)"
  [[ $INSTANCE != None ]] || INSTANCE=""
}

# $1: yes or no, the dry run's answer; $2: the region.
stack_instance_exists() {
  local dry_answer=None
  if [[ $1 == yes ]]; then
    dry_answer=$(printf 'CURRENT\tSUCCEEDED\tarn:aws:cloudformation:%s:%s:stack/StackSet-%s-dry-run' \
      "$2" "$ACCOUNT_ID" "$STACK_SET")
  fi
  stack_instance "$dry_answer" "$2"
  [[ -n $INSTANCE ]]
}

# trade-processing-<account>-<region>-<env>: at most 17 + 12 + 1 + 20 + 1 + 10 = 61 characters, within
# S3's 63 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), since
# validate_regions and validate_env_suffix bound the region and the suffix.
default_artifact_bucket() {
  echo "trade-processing-$ACCOUNT_ID-$PRIMARY_REGION-$ENV_SUFFIX"
}

# Adds ($1 = add) or removes ($1 = remove) this environment's rule in the registry's replication
# configuration of the primary region: the rule that replicates ecr-functions-<env> to the replica
# region of this account. The configuration is one per registry and shared by the whole account, so
# it is read, changed by registry-replication.py (which keeps every other rule as it was) and put
# back whole, only when it changes (ADR 0021). $2 is the dry run's stand-in configuration.
registry_replication() {
  local action=$1 dry_answer=$2 current wanted
  if [[ $MANAGE_REGISTRY_REPLICATION != true ]]; then
    info "MANAGE_REGISTRY_REPLICATION=false: the registry's replication configuration is left as it is"
    return 0
  fi
  current=$(aws_read "$dry_answer" ecr describe-registry --region "$PRIMARY_REGION" \
    --query replicationConfiguration --output json) ||
    die "the registry's replication configuration could not be read (the reason is above)"
  wanted=$("$PYTHON" "$DEPLOY_DIR/registry-replication.py" "$action" --registry-id "$ACCOUNT_ID" \
    --destination-region "$REPLICA_REGION" --repository "$REPOSITORY" <<<"$current") || exit 1
  if [[ -z $wanted ]]; then
    info "the registry's replication configuration needs no change for $REPOSITORY"
    return 0
  fi
  info "registry replication: $action the rule replicating $REPOSITORY from $PRIMARY_REGION to $REPLICA_REGION"
  aws_do ecr put-replication-configuration --region "$PRIMARY_REGION" --replication-configuration "$wanted" \
    >/dev/null || die "ECR refused the replication configuration (the reason is above)"
}
