package cli

import (
	"fmt"

	"github.com/sonartoken/sonartoken/model"
)

// cloudLoginRefusal refuses --login on SonarQube Cloud: Cloud ignores the
// login parameter and would act on the signed-in user's own tokens.
func cloudLoginRefusal() error {
	return usageErr(fmt.Errorf("--login: %s (it ignores the login parameter and would act on yours): leave --login out", model.CloudOwnTokensOnly))
}

// cloudReviewRefusal refuses review on SonarQube Cloud, where there is no
// list of other users' tokens to review.
func cloudReviewRefusal() error {
	return usageErr(fmt.Errorf("review: %s: no one, not even an organization's administrators, can list another user's tokens there. List yours with: sonartoken list", model.CloudOwnTokensOnly))
}

// cloudGenerateRefusal refuses --type or --project (flag) on SonarQube
// Cloud, whose generate takes a name and an expiration date only.
func cloudGenerateRefusal(flag string) error {
	return usageErr(fmt.Errorf("%s: SonarQube Cloud generates user tokens from a name and an expiration date only, without a type or a project: leave --type and --project out", flag))
}
