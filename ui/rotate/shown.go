package rotate

import "github.com/sonartoken/sonartoken/model"

// shown is t with its outside strings made printable, for the views.
func shown(t model.Token) model.Token {
	t.Name, t.Login = model.Printable(t.Name), model.Printable(t.Login)
	t.ProjectKey, t.ProjectName = model.Printable(t.ProjectKey), model.Printable(t.ProjectName)
	return t
}
