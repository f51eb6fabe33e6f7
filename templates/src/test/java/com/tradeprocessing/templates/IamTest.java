package com.tradeprocessing.templates;

import java.util.stream.Stream;

class IamTest implements ProjectTemplateRules {

  @Override
  public Stream<TemplateRule> rulesTheProjectKeeps() {
    return Stream.of(
        IamRules.NAMED_ACTIONS,
        IamRules.SCOPED_RESOURCES,
        IamRules.SCOPED_TRUST,
        IamRules.ONE_ROLE_PER_FUNCTION_AND_SERVICE,
        IamRules.ONLY_INSIGHTS_MANAGED_POLICY,
        TopicKeyRules.ACCOUNT_PUBLISHERS_THROUGH_SNS);
  }
}
