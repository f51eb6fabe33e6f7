#!/usr/bin/env bash
# Deploys one environment of the trade-processing platform: `make deploy ENV=<suffix>`.
#
# Order (docs/deploy.md explains each step and how it matches templates/root.json):
#   1. checks: ENV, regions, inputs, the AWS CLI, credentials, the stack set roles, and the Lambda
#      concurrency quota of both regions against the functions' reservations
#   2. bootstrap stack (ECR repository) in the replica region, then the primary; then this
#      environment's rule in the registry's replication configuration (ADR 0021)
#   3. images: fetch the Lambda Insights extension, build and push the four images with Jib to
#      the primary region's repository, read their digests, wait until ECR has replicated them
#      (or take the digests of images already pushed from IMAGE_DIGESTS_FILE)
#   4. package the nested templates to an S3 bucket (created, or given as ARTIFACT_BUCKET)
#   5. the stack set (self-managed permissions): created, or, once any instance a failed creation
#      left broken is deleted (ADR 0022), updated with the new parameters; its primary-region
#      instance first, then, once the table's replica is ACTIVE, the replica region's instance; an
#      update rolls both in the order primary, replica
#   6. the failover stack (templates/failover.json, ADR 0030): in the replica region (the operator's
#      failover switch), then in the primary region (the global endpoint over both regions' buses,
#      its health checks and alarms), once both instances exist, since the endpoint names both buses
#   7. the outputs of both regions and the endpoint's EndpointId
#
# Inputs (environment variables):
#   REFERENCE_DATA_BASE_URL              required: https URL of the reference-data API (both regions)
#   REPLICA_REFERENCE_DATA_BASE_URL      optional: its URL in the replica region, when it differs
#   PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME, REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME
#                                        optional PrivateLink service name of each region (both or
#                                        neither: an endpoint service name is regional)
#   REFERENCE_DATA_PRIVATE_DNS           true (default) or false: private DNS on those endpoints
#   PRIMARY_AVAILABILITY_ZONE_IDS, REPLICA_AVAILABILITY_ZONE_IDS
#                                        optional two zone IDs of each region's subnets (use1-az1,use1-az2)
#   ALARM_EMAIL                          optional address subscribed to the alarm topic of each region
#   STATE_MACHINE_TYPE                   STANDARD (default) or EXPRESS
#   MANAGE_REGISTRY_REPLICATION          true (default): add this environment's replication rule
#   VALIDATOR_RESERVED_CONCURRENCY, ENRICHER_..., RECORDER_..., GLOBAL_TABLE_RESOURCE_...
#                                        reserved concurrency of each function (root.json parameters)
#   ARTIFACT_BUCKET                      existing bucket for the packaged templates (kept by destroy)
#   IMAGE_DIGESTS_FILE                   lines <function>=<sha256 digest>: skip the build and push
#   IMAGE_VERSION                        tag suffix of pushed images (default: commit and UTC time)
#   LAMBDA_INSIGHTS_SHA256               checksum of the extension while lambda-insights.lock has none
#   PRIMARY_REGION, REPLICA_REGION       us-east-1 and eu-west-1 by default
#   DRY_RUN=1                            print every command in order, call nothing
#   IMAGE_PUSH_REGISTRY                  rehearsal on the emulator only (docs/deploy.md): a loopback
#                                        registry (localhost:<port>) standing in for ECR; the images
#                                        are built on the Debian base with the stand-in extension
#                                        (offline profile) and pushed there
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
exec 3>&1

readonly REFERENCE_URL_PATTERN='^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$'
readonly ENDPOINT_SERVICE_PATTERN='^$|^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{17}$'
# IMAGE_PUSH_REGISTRY: only a registry on this machine, whose certificate is not trusted.
readonly PUSH_REGISTRY_PATTERN='^(localhost|127\.0\.0\.1):[0-9]{1,5}$'
readonly EMAIL_PATTERN='^$|^[^@[:space:]"\\]+@[^@[:space:]"\\]+\.[^@[:space:]"\\]+$'

# Lambda keeps this many executions of a region's quota unreserved
# (https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html).
readonly UNRESERVED_MINIMUM=100

digest_parameter() {
  case $1 in
    validator) echo ValidatorImageDigest ;;
    enricher) echo EnricherImageDigest ;;
    recorder) echo RecorderImageDigest ;;
    global-table-resource) echo GlobalTableResourceImageDigest ;;
  esac
}

validate_inputs() {
  # Two Availability Zone IDs (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html):
  # the pattern of PrimaryAvailabilityZoneIds and ReplicaAvailabilityZoneIds in templates/root.json.
  local zone_ids_pattern='^$|^[a-z]+[0-9]-az[0-9]+,[a-z]+[0-9]-az[0-9]+$' region code name value
  REFERENCE_DATA_BASE_URL="${REFERENCE_DATA_BASE_URL:-}"
  REPLICA_REFERENCE_DATA_BASE_URL="${REPLICA_REFERENCE_DATA_BASE_URL:-}"
  PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME="${PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME:-}"
  REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME="${REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME:-}"
  REFERENCE_DATA_PRIVATE_DNS="${REFERENCE_DATA_PRIVATE_DNS:-true}"
  PRIMARY_AVAILABILITY_ZONE_IDS="${PRIMARY_AVAILABILITY_ZONE_IDS:-}"
  REPLICA_AVAILABILITY_ZONE_IDS="${REPLICA_AVAILABILITY_ZONE_IDS:-}"
  ALARM_EMAIL="${ALARM_EMAIL:-}"
  STATE_MACHINE_TYPE="${STATE_MACHINE_TYPE:-STANDARD}"
  MANAGE_REGISTRY_REPLICATION="${MANAGE_REGISTRY_REPLICATION:-true}"
  [[ -z ${REFERENCE_DATA_ENDPOINT_SERVICE_NAME:-} ]] ||
    die "REFERENCE_DATA_ENDPOINT_SERVICE_NAME is not read: an endpoint service name is regional, so give PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME and REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME"
  [[ -n $REFERENCE_DATA_BASE_URL ]] ||
    die "REFERENCE_DATA_BASE_URL is missing: the https base URL of the reference-data API as reached from the VPC (root.json ReferenceDataBaseUrl)"
  [[ $REFERENCE_DATA_BASE_URL =~ $REFERENCE_URL_PATTERN ]] ||
    die "REFERENCE_DATA_BASE_URL '$REFERENCE_DATA_BASE_URL' is not an https URL without query or fragment"
  [[ -z $REPLICA_REFERENCE_DATA_BASE_URL || $REPLICA_REFERENCE_DATA_BASE_URL =~ $REFERENCE_URL_PATTERN ]] ||
    die "REPLICA_REFERENCE_DATA_BASE_URL '$REPLICA_REFERENCE_DATA_BASE_URL' is not an https URL without query or fragment"
  for region in PRIMARY REPLICA; do
    code=${region}_REGION
    name=${region}_REFERENCE_DATA_ENDPOINT_SERVICE_NAME
    value=${!name}
    [[ $value =~ $ENDPOINT_SERVICE_PATTERN ]] || die "$name '$value' is not an endpoint service name"
    [[ -z $value || $value == com.amazonaws.vpce.${!code}.* ]] ||
      die "$name '$value' is not an endpoint service of ${!code}: each region connects to its own region's service"
    name=${region}_AVAILABILITY_ZONE_IDS
    value=${!name}
    [[ $value =~ $zone_ids_pattern ]] ||
      die "$name '$value' is not two Availability Zone IDs separated by a comma, such as use1-az1,use1-az2"
    [[ -z $value || ${value%,*} != "${value#*,}" ]] || die "$name '$value' names one zone twice: the subnets need two"
  done
  [[ -z $PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME && -z $REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME ||
    -n $PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME && -n $REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME ]] ||
    die "give PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME and REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME both or neither (root.json ReferenceDataEndpointServicesRule)"
  [[ $REFERENCE_DATA_PRIVATE_DNS == true || $REFERENCE_DATA_PRIVATE_DNS == false ]] ||
    die "REFERENCE_DATA_PRIVATE_DNS must be true or false, not '$REFERENCE_DATA_PRIVATE_DNS'"
  [[ $ALARM_EMAIL =~ $EMAIL_PATTERN ]] || die "ALARM_EMAIL '$ALARM_EMAIL' is not an e-mail address"
  [[ $STATE_MACHINE_TYPE == STANDARD || $STATE_MACHINE_TYPE == EXPRESS ]] ||
    die "STATE_MACHINE_TYPE must be STANDARD or EXPRESS, not '$STATE_MACHINE_TYPE'"
  [[ $MANAGE_REGISTRY_REPLICATION == true || $MANAGE_REGISTRY_REPLICATION == false ]] ||
    die "MANAGE_REGISTRY_REPLICATION must be true or false, not '$MANAGE_REGISTRY_REPLICATION'"
  [[ -z ${IMAGE_PUSH_REGISTRY:-} || $IMAGE_PUSH_REGISTRY =~ $PUSH_REGISTRY_PATTERN ]] ||
    die "IMAGE_PUSH_REGISTRY '$IMAGE_PUSH_REGISTRY' is not localhost:<port> or 127.0.0.1:<port> (it is for the rehearsal on the emulator only)"
}

reservation_parameter() {
  case $1 in
    validator) echo ValidatorReservedConcurrency ;;
    enricher) echo EnricherReservedConcurrency ;;
    recorder) echo RecorderReservedConcurrency ;;
    global-table-resource) echo GlobalTableResourceReservedConcurrency ;;
  esac
}

# validator -> VALIDATOR_RESERVED_CONCURRENCY
reservation_input() {
  local name=${1^^}
  echo "${name//-/_}_RESERVED_CONCURRENCY"
}

# The functions of the stack set in region $1: the global-table function belongs to the storage
# stack, which exists in the primary region only (root.json IsPrimaryRegionCondition).
functions_in() {
  local function
  for function in "${FUNCTIONS[@]}"; do
    [[ $function == global-table-resource && $1 != "$PRIMARY_REGION" ]] || echo "$function"
  done
}

# A field ($2: Default, MinValue, MaxValue) of the root template's parameter $1.
root_parameter() {
  "$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["Parameters"][sys.argv[2]][sys.argv[3]])' \
    "$REPO_ROOT/templates/root.json" "$1" "$2"
}

# RESERVATION_INPUT[parameter]: the reservations given as inputs, within the root template's bounds.
declare -A RESERVATION_INPUT=()
validate_reservation_inputs() {
  local function key input value min max
  for function in "${FUNCTIONS[@]}"; do
    key=$(reservation_parameter "$function")
    input=$(reservation_input "$function")
    value=${!input:-}
    [[ -n $value ]] || continue
    min=$(root_parameter "$key" MinValue)
    max=$(root_parameter "$key" MaxValue)
    if [[ ! $value =~ ^[0-9]{1,6}$ ]] || ((10#$value < min || 10#$value > max)); then
      die "$input must be a whole number from $min to $max (root.json $key), not '$value'"
    fi
    RESERVATION_INPUT[$key]=$((10#$value))
  done
}

# The reservation inputs replace what stack_set_parameters passes for them: nothing on creation
# (the template's default) and UsePreviousValue on an update.
with_reservation_inputs() {
  local json=$1 key kept given
  for key in "${!RESERVATION_INPUT[@]}"; do
    kept="{\"ParameterKey\":\"$key\",\"UsePreviousValue\":true}"
    given="{\"ParameterKey\":\"$key\",\"ParameterValue\":\"${RESERVATION_INPUT[$key]}\"}"
    if [[ $json == *"$kept"* ]]; then
      json=${json/"$kept"/"$given"}
    else
      json="${json%]},$given]"
    fi
  done
  printf '%s' "$json"
}

# RESERVATION[parameter]: what each function will reserve once deployed: the input, else on an
# update the stack set's current value, else the root template's default.
declare -A RESERVATION=()
planned_reservations() {
  local function key value previous="" name
  declare -A current=()
  if [[ $STACK_SET_PRESENT == yes ]]; then
    previous=$(aws_read "" cloudformation describe-stack-set --region "$PRIMARY_REGION" --stack-set-name "$STACK_SET" \
      --query 'StackSet.Parameters[].[ParameterKey,ParameterValue]' --output text) ||
      die "the parameters of the stack set $STACK_SET could not be read (the reason is above)"
    while IFS=$'\t' read -r name value; do
      [[ -n $name ]] && current[$name]=$value
    done <<<"$previous"
  fi
  for function in "${FUNCTIONS[@]}"; do
    key=$(reservation_parameter "$function")
    value=${RESERVATION_INPUT[$key]:-${current[$key]:-}}
    [[ -n $value ]] || value=$(root_parameter "$key" Default)
    [[ $value =~ ^[0-9]+$ ]] || die "the reservation $key of the stack set $STACK_SET is '$value', not a number"
    RESERVATION[$key]=$value
  done
}

# Lambda refuses a reservation that leaves fewer than UNRESERVED_MINIMUM executions of the region's
# quota unreserved, and new accounts start with a low quota; the functions stack would then fail
# deep inside the stack set operation. So, before anything is created, each region's quota
# (AccountLimit of get-account-settings) is checked against the planned reservations. On an update
# this environment's functions already hold reservations, which UnreservedConcurrentExecutions has
# subtracted: they are added back (ADR 0022).
check_concurrency_quota() {
  local region answer quota unreserved function key held reserved wanted allowed room list inputs advice functions
  planned_reservations
  for region in "$PRIMARY_REGION" "$REPLICA_REGION"; do
    answer=$(aws_read $'1000\t1000' lambda get-account-settings --region "$region" \
      --query '[AccountLimit.ConcurrentExecutions,AccountLimit.UnreservedConcurrentExecutions]' --output text) ||
      die "the Lambda account settings of $region could not be read (the reason is above)"
    read -r quota unreserved <<<"$answer"
    [[ $quota =~ ^[0-9]+$ && $unreserved =~ ^[0-9]+$ ]] ||
      die "unexpected answer from aws lambda get-account-settings in $region: '$answer'"
    mapfile -t functions < <(functions_in "$region")
    held=0 wanted=0 list="" inputs=""
    for function in "${functions[@]}"; do
      key=$(reservation_parameter "$function")
      wanted=$((wanted + ${RESERVATION[$key]}))
      list+="${list:+, }$key=${RESERVATION[$key]}"
      inputs+="${inputs:+, }$(reservation_input "$function")"
      [[ $STACK_SET_PRESENT == yes ]] || continue
      reserved=$(aws_read_if_found None ResourceNotFoundException lambda get-function-concurrency --region "$region" \
        --function-name "lambda-$function-$ENV_SUFFIX" --query ReservedConcurrentExecutions --output text) || exit 1
      [[ $reserved =~ ^[0-9]+$ ]] && held=$((held + reserved))
    done
    allowed=$((unreserved + held - UNRESERVED_MINIMUM))
    if ((wanted > allowed)); then
      room="at most $allowed"
      ((allowed > 0)) || room="nothing"
      advice="lower the reservations with $inputs (docs/deploy.md, \"Sizing the reserved concurrency\"), or ask AWS for a higher \"Concurrent executions\" quota of Lambda in $region (Service Quotas)"
      ((allowed >= ${#functions[@]})) ||
        advice="ask AWS for a higher \"Concurrent executions\" quota of Lambda in $region (Service Quotas): each of the ${#functions[@]} functions needs a reservation of at least 1"
      die "the Lambda concurrency quota of $region cannot hold this environment's reservations. The account's quota is $quota concurrent executions, $unreserved of them unreserved (this environment's functions hold $held); Lambda keeps $UNRESERVED_MINIMUM unreserved, so this environment can reserve $room, but its functions would reserve $wanted ($list). To deploy, $advice."
    fi
    info "Lambda concurrency in $region: quota $quota; this environment reserves $wanted of the $allowed it may"
  done
}

# Reads IMAGE_DIGESTS_FILE into DIGESTS[function]: one <function>=<digest> line per function.
declare -A DIGESTS=()
read_digests_file() {
  local file=$1 line function digest
  [[ -f $file ]] || die "IMAGE_DIGESTS_FILE '$file' does not exist"
  while IFS= read -r line || [[ -n $line ]]; do
    [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
    function=${line%%=*}
    digest=${line#*=}
    digest=${digest#sha256:}
    [[ $line == *=* && -n $(digest_parameter "$function") ]] ||
      die "$file: '$line' is not <function>=<digest> with a function among: ${FUNCTIONS[*]}"
    [[ $digest =~ ^[0-9a-f]{64}$ ]] || die "$file: the digest of $function is not 64 lowercase hex digits"
    DIGESTS[$function]=$digest
  done <"$file"
  for function in "${FUNCTIONS[@]}"; do
    [[ -n ${DIGESTS[$function]:-} ]] || die "$file: no digest for $function"
  done
}

require_build_tools() {
  dry_run && return 0
  [[ -x $REPO_ROOT/.venv/bin/python ]] || die "the project virtualenv is missing: run make venv"
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build the images"
  "$REPO_ROOT/scripts/find-jdk" 21 >/dev/null || die "a JDK 21 is needed to build the images"
}

deploy_bootstrap() {
  # Replica region first: ECR replication then finds a repository with the same settings there
  # instead of creating one with defaults (ADR 0005).
  deploy_in_both_regions bootstrap "$BOOTSTRAP_STACK" bootstrap.json
  REPOSITORY_URI=$(aws_read "$ACCOUNT_ID.dkr.ecr.$PRIMARY_REGION.amazonaws.com/$REPOSITORY" \
    cloudformation describe-stacks --region "$PRIMARY_REGION" --stack-name "$BOOTSTRAP_STACK" \
    --query "Stacks[0].Outputs[?OutputKey=='RepositoryUri'].OutputValue" --output text)
  [[ -n $REPOSITORY_URI && $REPOSITORY_URI != None ]] || die "the bootstrap stack has no RepositoryUri output"
}

build_and_push_images() {
  local version function password
  version=${IMAGE_VERSION:-$(git -C "$REPO_ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo local)-$(date -u +%Y%m%dT%H%M%SZ)}
  [[ $version =~ ^[A-Za-z0-9_.-]{1,100}$ ]] || die "IMAGE_VERSION '$version' is not a valid tag suffix"
  local profiles=lambda-images-push repository=$REPOSITORY_URI rehearsal_args=()
  if [[ -n ${IMAGE_PUSH_REGISTRY:-} ]]; then
    # Rehearsal on the emulator (docs/deploy.md): the offline profile, the Debian base built here and
    # the stand-in extension (nothing fetched from AWS), pushed to the local registry that stands in
    # for ECR (self-signed).
    profiles=lambda-images-offline,lambda-images-push
    repository="$IMAGE_PUSH_REGISTRY/$REPOSITORY"
    rehearsal_args=(-Djib.allowInsecureRegistries=true)
  else
    info "fetching the pinned Lambda Insights extension"
    plan "$REPO_ROOT/.venv/bin/python" "$REPO_ROOT/deploy/lambda-insights.py" fetch
    dry_run || "$REPO_ROOT/.venv/bin/python" "$REPO_ROOT/deploy/lambda-insights.py" fetch
  fi
  info "building and pushing the four images to $repository"
  password=$(aws_read "<ecr-token>" ecr get-login-password --region "$PRIMARY_REGION")
  local mvn_args=(-B -ntp -P "$profiles" -pl "$(
    IFS=,
    echo "${FUNCTIONS[*]}"
  )" -am -DskipTests package "-Dlambda.image.repository=$repository" "-Dlambda.image.version=$version"
    ${rehearsal_args[@]+"${rehearsal_args[@]}"})
  plan mvn "${mvn_args[@]}"
  if ! dry_run; then
    local jdk
    jdk=$("$REPO_ROOT/scripts/find-jdk" 21)
    (cd "$REPO_ROOT" && JAVA_HOME=$jdk PATH="$jdk/bin:$PATH" JIB_TO_AUTH_PASSWORD=$password mvn "${mvn_args[@]}") >&2
  fi
  for function in "${FUNCTIONS[@]}"; do
    if dry_run; then
      DIGESTS[$function]="<digest-from-$function/target/jib-image.digest>"
    else
      DIGESTS[$function]=$(sed 's/^sha256://' "$REPO_ROOT/$function/target/jib-image.digest")
      [[ ${DIGESTS[$function]} =~ ^[0-9a-f]{64}$ ]] || die "$function/target/jib-image.digest holds no digest"
    fi
  done
}

# The digests must name images in the primary repository, and ECR must have replicated them
# before the replica region's functions can be created or updated.
wait_for_images() {
  local function deadline
  for function in "${FUNCTIONS[@]}"; do
    aws_exists yes 'ImageNotFoundException' ecr describe-images --region "$PRIMARY_REGION" \
      --repository-name "$REPOSITORY" --image-ids "imageDigest=sha256:${DIGESTS[$function]}" \
      --query 'imageDetails[0].imageDigest' --output text ||
      die "no image with the $function digest ${DIGESTS[$function]} in $REPOSITORY ($PRIMARY_REGION)"
  done
  deadline=$((SECONDS + IMAGE_REPLICATION_TIMEOUT_SECONDS))
  for function in "${FUNCTIONS[@]}"; do
    info "waiting for the $function image in $REPLICA_REGION"
    until aws_exists yes 'ImageNotFoundException|RepositoryNotFoundException' ecr describe-images \
      --region "$REPLICA_REGION" --repository-name "$REPOSITORY" \
      --image-ids "imageDigest=sha256:${DIGESTS[$function]}" --query 'imageDetails[0].imageDigest' --output text; do
      ((SECONDS < deadline)) || die "ECR has not replicated the $function image to $REPLICA_REGION after ${IMAGE_REPLICATION_TIMEOUT_SECONDS}s: check the registry's replication configuration (MANAGE_REGISTRY_REPLICATION)"
      sleep "$POLL_SECONDS"
    done
  done
}

ensure_artifact_bucket() {
  if [[ -n ${ARTIFACT_BUCKET:-} ]]; then
    aws_exists yes '\(404\)|Not Found|NoSuchBucket' s3api head-bucket --bucket "$ARTIFACT_BUCKET" ||
      die "ARTIFACT_BUCKET '$ARTIFACT_BUCKET' does not exist"
    BUCKET=$ARTIFACT_BUCKET
    return 0
  fi
  BUCKET=$(default_artifact_bucket)
  if aws_exists no '\(404\)|Not Found|NoSuchBucket' s3api head-bucket --bucket "$BUCKET"; then
    return 0
  fi
  info "creating the packaging bucket $BUCKET"
  if [[ $PRIMARY_REGION == us-east-1 ]]; then
    aws_do s3api create-bucket --region "$PRIMARY_REGION" --bucket "$BUCKET" >/dev/null
  else
    aws_do s3api create-bucket --region "$PRIMARY_REGION" --bucket "$BUCKET" \
      --create-bucket-configuration "LocationConstraint=$PRIMARY_REGION" >/dev/null
  fi
  aws_do s3api put-public-access-block --bucket "$BUCKET" --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  # The tag tells destroy.sh that it may delete this bucket.
  aws_do s3api put-bucket-tagging --bucket "$BUCKET" --tagging \
    "TagSet=[{Key=$CREATED_BY_TAG_KEY,Value=$CREATED_BY_TAG_VALUE},{Key=project,Value=trade-processing},{Key=environment,Value=$ENV_SUFFIX}]"
}

# The packaging bucket this script owns (one given as ARTIFACT_BUCKET is its owner's to
# configure): encrypted by default with SSE-S3, reachable over TLS only, its objects expiring.
# Set on every deploy, so a bucket made by an earlier version gets them too. Not versioned:
# destroy.sh empties the bucket with `s3 rm`, which would leave old versions behind and the
# bucket undeletable, and `cloudformation package` uploads again any template that expired;
# CloudFormation keeps its own copy of each stack's template, so nothing reads an old object.
secure_artifact_bucket() {
  [[ -z ${ARTIFACT_BUCKET:-} ]] || return 0
  # A month: far longer than any deploy, which is the only reader of the packaged templates.
  local expiry_days=30 arn
  arn="arn:$(partition_of "$PRIMARY_REGION"):s3:::$BUCKET"
  aws_do s3api put-bucket-encryption --bucket "$BUCKET" --server-side-encryption-configuration \
    '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
  aws_do s3api put-bucket-lifecycle-configuration --bucket "$BUCKET" --lifecycle-configuration \
    "{\"Rules\":[{\"ID\":\"expire-packaged-templates\",\"Status\":\"Enabled\",\"Filter\":{\"Prefix\":\"\"},\"Expiration\":{\"Days\":$expiry_days},\"AbortIncompleteMultipartUpload\":{\"DaysAfterInitiation\":1}}]}"
  aws_do s3api put-bucket-policy --bucket "$BUCKET" --policy \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyWithoutTls\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"$arn\",\"$arn/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"
}

package_templates() {
  mkdir -p "$STATE_DIR"
  local packaged="$STATE_DIR/root.packaged.json" key="$ARTIFACT_PREFIX/root.packaged.json"
  info "packaging the nested templates to s3://$BUCKET/$ARTIFACT_PREFIX"
  aws_do cloudformation package --use-json --region "$PRIMARY_REGION" \
    --template-file "$REPO_ROOT/templates/root.json" --s3-bucket "$BUCKET" --s3-prefix "$ARTIFACT_PREFIX" \
    --output-template-file "$packaged" >&2
  # The packaged root goes to S3 too: a stack set takes a template body of 51,200 bytes at most.
  aws_do s3 cp "$packaged" "s3://$BUCKET/$key" --only-show-errors
  TEMPLATE_URL="https://$BUCKET.s3.$PRIMARY_REGION.amazonaws.com/$key"
}

# The root parameters this script does not set (thresholds, capacity, network, retention): their
# defaults on creation, and on an update the stack set's current values, so that a change made with
# update-stack-set (docs/operations.md) survives the next deployment. With the parameters set in
# stack_set_parameters, these are all the parameters of templates/root.json (a test checks it).
readonly PRESERVED_PARAMETERS=(
  ValidatorReservedConcurrency EnricherReservedConcurrency RecorderReservedConcurrency
  GlobalTableResourceReservedConcurrency VpcCidr MaxQuantity MaxNotional ClockSkewTolerance
  MaxTradeAge KnownVenues PriceBandPercent LogRetentionDays AuditLogRetentionDays
  EventArchiveRetentionDays StateMachineLogLevel StateMachineLogExecutionData FunctionLogLevel
)

# $1 = create or update.
stack_set_parameters() {
  local json="" function key
  add() { json+="${json:+,}{\"ParameterKey\":\"$1\",\"ParameterValue\":\"$2\"}"; }
  add EnvironmentSuffix "$ENV_SUFFIX"
  add PrimaryRegion "$PRIMARY_REGION"
  add ReplicaRegion "$REPLICA_REGION"
  for function in "${FUNCTIONS[@]}"; do
    add "$(digest_parameter "$function")" "${DIGESTS[$function]}"
  done
  add StateMachineType "$STATE_MACHINE_TYPE"
  add ReferenceDataBaseUrl "$REFERENCE_DATA_BASE_URL"
  add ReplicaReferenceDataBaseUrl "$REPLICA_REFERENCE_DATA_BASE_URL"
  add PrimaryReferenceDataEndpointServiceName "$PRIMARY_REFERENCE_DATA_ENDPOINT_SERVICE_NAME"
  add ReplicaReferenceDataEndpointServiceName "$REPLICA_REFERENCE_DATA_ENDPOINT_SERVICE_NAME"
  add ReferenceDataPrivateDnsEnabled "$REFERENCE_DATA_PRIVATE_DNS"
  add PrimaryAvailabilityZoneIds "$PRIMARY_AVAILABILITY_ZONE_IDS"
  add ReplicaAvailabilityZoneIds "$REPLICA_AVAILABILITY_ZONE_IDS"
  add AlarmEmail "$ALARM_EMAIL"
  if [[ $1 == update ]]; then
    for key in "${PRESERVED_PARAMETERS[@]}"; do
      json+=",{\"ParameterKey\":\"$key\",\"UsePreviousValue\":true}"
    done
  fi
  unset -f add
  printf '[%s]' "$json"
}

# An instance that a failed first creation or a failed deletion left behind is never repaired by
# an update: update-stack-set skips an INOPERABLE instance, and a stack in ROLLBACK_COMPLETE can only
# be deleted. Such an instance is deleted here, replica region first (the order of destroy.sh), and
# created again by deploy_stack_set. An instance whose stack exists and works, merely OUTDATED
# because an update failed and rolled back, is kept: deleting the primary's would delete the trades
# table; the update brings it back to CURRENT (ADR 0022).
repair_stack_instances() {
  local region status detailed stack_id stack_status reason operation_id
  for region in "$REPLICA_REGION" "$PRIMARY_REGION"; do
    stack_instance None "$region"
    [[ -n $INSTANCE ]] || continue
    IFS=$'\t' read -r status detailed stack_id <<<"$INSTANCE"
    case $status in
      CURRENT) continue ;;
      INOPERABLE) reason="INOPERABLE (a deletion of it failed)" ;;
      OUTDATED)
        if [[ $detailed == PENDING || $detailed == RUNNING ]]; then
          die "the stack instance in $region is $detailed in another stack set operation: wait until it ends (aws cloudformation list-stack-set-operations --region $PRIMARY_REGION --stack-set-name $STACK_SET), then run make deploy again"
        fi
        stack_status=""
        if [[ -n $stack_id && $stack_id != None ]]; then
          stack_status=$(aws_read_if_found "" 'does not exist' cloudformation describe-stacks --region "$region" \
            --stack-name "$stack_id" --query 'Stacks[0].StackStatus' --output text) || exit 1
        fi
        case ${stack_status:-NONE} in
          NONE) reason="OUTDATED and has no stack (its creation failed before the stack existed)" ;;
          ROLLBACK_COMPLETE | ROLLBACK_FAILED | CREATE_FAILED | DELETE_COMPLETE | DELETE_FAILED)
            reason="OUTDATED and its stack is $stack_status" ;;
          UPDATE_ROLLBACK_FAILED)
            die "the stack of the instance in $region is UPDATE_ROLLBACK_FAILED, which no update can pass. Find the resource that could not roll back in its events, then run: aws cloudformation continue-update-rollback --region $region --stack-name $stack_id; and make deploy again"
            ;;
          *_IN_PROGRESS)
            die "the stack of the instance in $region is $stack_status: wait until it ends, then run make deploy again"
            ;;
          *) continue ;;
        esac
        ;;
      *) die "the stack instance in $region has the status '$status', which make deploy does not know" ;;
    esac
    info "the stack instance in $region is $reason: deleting it, to create it again"
    operation_id=$(aws_read "dry-run-repair-$region" cloudformation delete-stack-instances \
      --region "$PRIMARY_REGION" --stack-set-name "$STACK_SET" --accounts "$ACCOUNT_ID" --regions "$region" \
      --no-retain-stacks --operation-preferences "$(operation_preferences)" --query OperationId --output text) ||
      die "the broken stack instance in $region could not be deleted (the reason is above)"
    wait_stack_set_operation "$operation_id" "delete the broken instance in $region"
  done
}

deploy_stack_set() {
  local operation_id region
  if [[ $STACK_SET_PRESENT == yes ]]; then
    repair_stack_instances
    info "updating the stack set $STACK_SET (existing instances, $PRIMARY_REGION first)"
    operation_id=$(aws_read dry-run-update-operation cloudformation update-stack-set --region "$PRIMARY_REGION" \
      --stack-set-name "$STACK_SET" --template-url "$TEMPLATE_URL" \
      --parameters "$(with_reservation_inputs "$(stack_set_parameters update)")" \
      --capabilities CAPABILITY_NAMED_IAM --permission-model SELF_MANAGED \
      --administration-role-arn "$STACK_SET_ADMINISTRATION_ROLE_ARN" \
      --execution-role-name "$STACK_SET_EXECUTION_ROLE_NAME" \
      --operation-preferences "$(operation_preferences)" --query OperationId --output text)
    wait_stack_set_operation "$operation_id" "update"
  else
    info "creating the stack set $STACK_SET"
    aws_do cloudformation create-stack-set --region "$PRIMARY_REGION" --stack-set-name "$STACK_SET" \
      --description "Trade processing, environment $ENV_SUFFIX: one instance in $PRIMARY_REGION (primary) and one in $REPLICA_REGION (replica)." \
      --template-url "$TEMPLATE_URL" --parameters "$(with_reservation_inputs "$(stack_set_parameters create)")" \
      --capabilities CAPABILITY_NAMED_IAM \
      --permission-model SELF_MANAGED --administration-role-arn "$STACK_SET_ADMINISTRATION_ROLE_ARN" \
      --execution-role-name "$STACK_SET_EXECUTION_ROLE_NAME" \
      --tags Key=project,Value=trade-processing "Key=environment,Value=$ENV_SUFFIX" >/dev/null
  fi
  for region in "$PRIMARY_REGION" "$REPLICA_REGION"; do
    [[ $region == "$REPLICA_REGION" ]] && wait_for_replica_table
    if stack_instance_exists no "$region"; then
      continue
    fi
    info "creating the stack instance in $region"
    operation_id=$(aws_read "dry-run-create-$region" cloudformation create-stack-instances \
      --region "$PRIMARY_REGION" --stack-set-name "$STACK_SET" --accounts "$ACCOUNT_ID" --regions "$region" \
      --operation-preferences "$(operation_preferences)" --query OperationId --output text)
    wait_stack_set_operation "$operation_id" "instance in $region"
  done
}

# The replica region's recorder writes to the table's replica: it must be ACTIVE before that
# region's instance exists. The custom resource already waits for it; this checks from outside.
wait_for_replica_table() {
  local status deadline=$((SECONDS + REPLICA_TIMEOUT_SECONDS))
  info "waiting for the replica of $TABLE in $REPLICA_REGION to be ACTIVE"
  while :; do
    status=$(aws_read ACTIVE dynamodb describe-table --region "$PRIMARY_REGION" --table-name "$TABLE" \
      --query "Table.Replicas[?RegionName=='$REPLICA_REGION'].ReplicaStatus | [0]" --output text)
    [[ $status == ACTIVE ]] && break
    ((SECONDS < deadline)) || die "the replica of $TABLE in $REPLICA_REGION is '$status' after ${REPLICA_TIMEOUT_SECONDS}s"
    sleep "$POLL_SECONDS"
  done
  status=$(aws_read ACTIVE dynamodb describe-table --region "$REPLICA_REGION" --table-name "$TABLE" \
    --query Table.TableStatus --output text)
  [[ $status == ACTIVE ]] || die "$TABLE in $REPLICA_REGION is '$status', not ACTIVE"
}

# After the stack set: the endpoint names the trade bus of both regions, and its health checks the
# primary's state machine and executions queue. Replica region first: the primary's health check
# reads the operator switch alarm created there.
deploy_failover() {
  deploy_in_both_regions failover "$FAILOVER_STACK" failover.json
}

# $1 = what the stack is (for the log), $2 = stack name, $3 = template in templates/; the replica
# region first, then the primary, with the parameters every such stack takes.
deploy_in_both_regions() {
  local region
  for region in "$REPLICA_REGION" "$PRIMARY_REGION"; do
    info "$1 stack $2 in $region"
    aws_do cloudformation deploy --region "$region" --stack-name "$2" \
      --template-file "$REPO_ROOT/templates/$3" --no-fail-on-empty-changeset \
      --parameter-overrides "EnvironmentSuffix=$ENV_SUFFIX" "PrimaryRegion=$PRIMARY_REGION" \
      "ReplicaRegion=$REPLICA_REGION" --tags project=trade-processing "environment=$ENV_SUFFIX"
  done
}

print_outputs() {
  local region stack_id
  for region in "$PRIMARY_REGION" "$REPLICA_REGION"; do
    stack_id=$(aws_read "arn:aws:cloudformation:$region:$ACCOUNT_ID:stack/StackSet-$STACK_SET-dry-run" \
      cloudformation describe-stack-instance --region "$PRIMARY_REGION" --stack-set-name "$STACK_SET" \
      --stack-instance-account "$ACCOUNT_ID" --stack-instance-region "$region" \
      --query StackInstance.StackId --output text)
    echo "Outputs in $region:"
    aws_read "(outputs of $region)" cloudformation describe-stacks --region "$region" --stack-name "$stack_id" \
      --query "Stacks[0].Outputs[?contains(['EventBusName','StateMachineArn','TradesTableName','AlarmTopicArn'], OutputKey)].[OutputKey,OutputValue]" \
      --output text
  done
  echo "Global endpoint (publishers set EndpointId on PutEvents; docs/operations.md):"
  aws_read "(endpoint of $PRIMARY_REGION)" cloudformation describe-stacks --region "$PRIMARY_REGION" \
    --stack-name "$FAILOVER_STACK" \
    --query "Stacks[0].Outputs[?contains(['EndpointId','EndpointUrl','PrimaryTradePathHealthCheckId'], OutputKey)].[OutputKey,OutputValue]" \
    --output text
}

main() {
  local suffix=${1:-${ENV:-}}
  validate_env_suffix "$suffix"
  validate_regions
  environment_names "$suffix"
  validate_inputs
  require_python
  validate_reservation_inputs
  if [[ -n ${IMAGE_DIGESTS_FILE:-} ]]; then
    read_digests_file "$IMAGE_DIGESTS_FILE"
  else
    require_build_tools
  fi
  require_aws_cli
  dry_run && info "DRY_RUN=1: printing the commands of a first deployment of '$ENV_SUFFIX'; AWS is not called"
  require_credentials
  require_stack_set_roles
  if stack_set_exists no; then STACK_SET_PRESENT=yes; else STACK_SET_PRESENT=no; fi
  check_concurrency_quota
  deploy_bootstrap
  # Before any image is pushed: ECR replicates only what is pushed after the rule exists.
  registry_replication add '{"rules": []}'
  [[ -n ${IMAGE_DIGESTS_FILE:-} ]] || build_and_push_images
  wait_for_images
  ensure_artifact_bucket
  secure_artifact_bucket
  package_templates
  deploy_stack_set
  deploy_failover
  print_outputs
  if dry_run; then
    info "dry run of $ENV_SUFFIX complete: nothing was called or changed"
  else
    info "environment $ENV_SUFFIX deployed"
  fi
}

main "$@"
