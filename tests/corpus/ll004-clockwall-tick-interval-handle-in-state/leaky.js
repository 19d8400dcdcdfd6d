import React, { Component, PropTypes } from 'react';
import moment from 'moment-timezone';

class Clock extends Component {
  constructor(props) {
    super(props);

    this.props.config.id = this.props.config.id || `pixelfactory-${this.props.config.town}`;
    this.props.config.locale = this.props.config.locale || 'en';

    this.state = {
      currentDate: this.getMoment(this.props.config.timezone, this.props.config.locale)
    };
  }

  componentDidMount() {
    // expect: LL004
    setInterval(() => {
      this.setState({
        currentDate: this.getMoment(this.props.config.timezone, this.props.config.locale)
      });
    }, 1000);
  }

  getMoment(timezone, locale) {
    moment.locale(locale);
    const now = moment().tz(timezone);
    const pad = (n) => (n < 10 ? '0' : '') + n;
    return {
      dayName: moment.weekdays()[now.get('day')],
      day: now.get('date'),
      hours: pad(now.get('hour')),
      minutes: pad(now.get('minute')),
      seconds: pad(now.get('second')),
      timezone: now.format('z')
    };
  }

  render() {
    const { config } = this.props;
    const { timezone, hours, minutes, seconds, dayName, day } = this.state.currentDate;
    return (
      <div id={config.id} className="clock">
        <h1 className="town">{config.town}</h1>
        <h2 className="timezone">{config.timezone} {timezone}</h2>
        <ul className="time">
          <li className="hours">{hours}</li>
          <li className="points">:</li>
          <li className="minutes">{minutes}</li>
          <li className="seconds"><sup>{seconds}</sup></li>
        </ul>
        <h1 className="date">{dayName} {day}</h1>
      </div>
    );
  }
}

Clock.propTypes = {
  config: PropTypes.shape({
    town: PropTypes.string.isRequired,
    timezone: PropTypes.string.isRequired,
    id: PropTypes.string,
    locale: PropTypes.string
  })
};

export default Clock;
