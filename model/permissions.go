package model

// CreatableTypes returns the token types the user may generate, in the web
// page's order and by its rules: a Project Analysis token when at least one
// project is scannable, a Global Analysis token with the global scan
// permission, and a User token always. The page builds the list by putting
// User first and unshifting Global, then Project, in front of it
// (TokensForm.tsx), so the offered order is Project, Global, User. For another user (an admin acting on
// someone else's account) only User tokens can be generated. A server
// without token types offers none: the form hides the field.
func CreatableTypes(caps Capabilities, me CurrentUser, scannableProjects int, forOtherUser bool) []TokenType {
	if !caps.TokenTypes {
		return nil
	}
	if forOtherUser {
		return []TokenType{TypeUser}
	}
	types := make([]TokenType, 0, 3)
	if scannableProjects > 0 {
		types = append(types, TypeProject)
	}
	if me.CanScan() {
		types = append(types, TypeGlobal)
	}
	return append(types, TypeUser)
}
