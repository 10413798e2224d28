package slackemu

// Value is what a user entered in one input element of a modal, for
// ViewSubmission. Build it with the constructors below.
type Value struct {
	// Type is the element type, e.g. "plain_text_input", "static_select".
	Type string
	// Value is the single value: text, option value, user, date, time...
	Value string
	// Values are the selected values of checkboxes and multi-selects.
	Values []string
}

// TextValue is a plain_text_input's text.
func TextValue(text string) Value { return Value{Type: "plain_text_input", Value: text} }

// NumberValue is a number_input's text.
func NumberValue(number string) Value { return Value{Type: "number_input", Value: number} }

// SelectValue is a static_select's selected option value ("" for none).
func SelectValue(option string) Value { return Value{Type: "static_select", Value: option} }

// RadioValue is a radio_buttons' selected option value.
func RadioValue(option string) Value { return Value{Type: "radio_buttons", Value: option} }

// CheckboxesValue is the checked options of checkboxes.
func CheckboxesValue(options ...string) Value { return Value{Type: "checkboxes", Values: options} }

// MultiSelectValue is a multi_static_select's selected options.
func MultiSelectValue(options ...string) Value {
	return Value{Type: "multi_static_select", Values: options}
}

// UserValue is a users_select's selected user.
func UserValue(user string) Value { return Value{Type: "users_select", Value: user} }

// UsersValue is a multi_users_select's selected users.
func UsersValue(users ...string) Value { return Value{Type: "multi_users_select", Values: users} }

// ConversationValue is a conversations_select's selected conversation.
func ConversationValue(id string) Value { return Value{Type: "conversations_select", Value: id} }

// ChannelValue is a channels_select's selected channel.
func ChannelValue(id string) Value { return Value{Type: "channels_select", Value: id} }

// DateValue is a datepicker's date, "YYYY-MM-DD".
func DateValue(date string) Value { return Value{Type: "datepicker", Value: date} }

// TimeValue is a timepicker's time, "HH:mm".
func TimeValue(hhmm string) Value { return Value{Type: "timepicker", Value: hhmm} }

// selectionJSON renders v's fields as Slack sends them for its type (in
// view.state.values and in block_actions); el gives option texts.
func selectionJSON(el element, v Value) map[string]any {
	option := func(value string) map[string]any {
		return map[string]any{"text": map[string]any{"type": "plain_text", "text": el.optionText(value), "emoji": true}, "value": value}
	}
	options := func() []any {
		out := []any{}
		for _, o := range v.Values {
			out = append(out, option(o))
		}
		return out
	}
	ids := func() []string {
		if v.Values == nil {
			return []string{}
		}
		return v.Values
	}
	switch v.Type {
	case "static_select", "external_select", "radio_buttons", "overflow":
		if v.Value == "" {
			return map[string]any{"selected_option": nil}
		}
		return map[string]any{"selected_option": option(v.Value)}
	case "checkboxes", "multi_static_select", "multi_external_select":
		return map[string]any{"selected_options": options()}
	case "users_select":
		return map[string]any{"selected_user": v.Value}
	case "multi_users_select":
		return map[string]any{"selected_users": ids()}
	case "conversations_select":
		return map[string]any{"selected_conversation": v.Value}
	case "multi_conversations_select":
		return map[string]any{"selected_conversations": ids()}
	case "channels_select":
		return map[string]any{"selected_channel": v.Value}
	case "multi_channels_select":
		return map[string]any{"selected_channels": ids()}
	case "datepicker":
		return map[string]any{"selected_date": v.Value}
	case "timepicker":
		return map[string]any{"selected_time": v.Value}
	}
	return map[string]any{"value": v.Value}
}
