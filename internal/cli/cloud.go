package cli

import (
	"fmt"

	"github.com/sonartoken/sonartoken/model"
)

// cloudLoginRefusal: Cloud ignores login and would act on the caller's own tokens.
func cloudLoginRefusal() error {
	return usageErr(fmt.Errorf("--login: %s (it ignores the login parameter and would act on yours): leave --login out", model.CloudOwnTokensOnly))
}

// cloudReviewRefusal: Cloud lists no other users' tokens.
func cloudReviewRefusal() error {
	return usageErr(fmt.Errorf("review: %s: no one, not even an organization's administrators, can list another user's tokens there. List yours with: sonartoken list", model.CloudOwnTokensOnly))
}

// cloudGenerateRefusal: Cloud's generate takes a name and an expiration only.
func cloudGenerateRefusal(flag string) error {
	return usageErr(fmt.Errorf("%s: SonarQube Cloud generates user tokens from a name and an expiration date only, without a type or a project: leave --type and --project out", flag))
}
