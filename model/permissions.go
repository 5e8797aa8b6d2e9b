package model

// CreatableTypes returns the token types the user may generate, in the web
// page's order and by its rules: a User token always; a Global Analysis
// token with the global scan permission; a Project Analysis token when at
// least one project is scannable. For another user (an admin acting on
// someone else's account) only User tokens can be generated. A server
// without token types offers none: the form hides the field.
func CreatableTypes(caps Capabilities, me CurrentUser, scannableProjects int, forOtherUser bool) []TokenType {
	if !caps.TokenTypes {
		return nil
	}
	types := []TokenType{TypeUser}
	if forOtherUser {
		return types
	}
	if me.CanScan() {
		types = append(types, TypeGlobal)
	}
	if scannableProjects > 0 {
		types = append(types, TypeProject)
	}
	return types
}
