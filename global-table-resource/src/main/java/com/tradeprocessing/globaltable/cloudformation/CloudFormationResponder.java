package com.tradeprocessing.globaltable;

import com.amazonaws.services.lambda.runtime.Context;

/** Delivers the answer to CloudFormation through the request's pre-signed ResponseURL. */
public interface CloudFormationResponder {

  /**
   * Sends the response; never throws.
   *
   * @return true when the ResponseURL accepted it
   */
  boolean send(CustomResourceEvent event, CustomResourceResponse response, Context context);
}
