package model

// CreatableTypes returns the types the user may generate, in the web page's
// order (Project, Global, User; TokensForm.tsx) and by its rules. Another
// user gets only User tokens; a server without types offers none.
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
